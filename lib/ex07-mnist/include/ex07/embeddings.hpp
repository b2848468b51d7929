#pragma once
// Two maps of the 20-D latent means in the plane: t-SNE (neighbourhoods kept, distances
// not) beside the PCA plane (distances along the two main directions kept, neighbourhoods
// not), each scored by how well a 5-NN classifier reads the digit off the map.
//
// t-SNE places only the points it was given, so both maps are scored within one set of test
// images: the even-numbered ones classify the odd-numbered ones. The 20-D means themselves,
// scored the same way, show what any planar map loses.
#include <string>
#include <vector>

#include "vae/analysis/matrix.hpp"
#include "vae/analysis/tsne.hpp"
#include "vae/report.hpp"

namespace vae::mnist {

inline constexpr int kEmbeddingNeighbours = 5;

struct Embeddings {
    analysis::Matrix tsne, pca;  // n x 2 each
    analysis::Labels labels;
    double tsne_knn = 0, pca_knn = 0, mu_knn = 0;  // 5-NN accuracy, even rows classifying odd
    double tsne_kl = 0;                            // KL(P || Q) t-SNE ended at
    double tsne_seconds = 0;
};

// k-NN accuracy of the odd rows of y, classified by the even rows.
double even_odd_knn_accuracy(const analysis::Matrix& y, const analysis::Labels& labels, int k);

// Both maps of mu (n x latent) with the given t-SNE options, and their scores.
Embeddings embed_latent(const analysis::Matrix& mu, const analysis::Labels& labels,
                        const analysis::TsneOptions& options = {});

// tsne_knn_accuracy, pca_knn_accuracy, mu_knn_accuracy (unchecked: t-SNE's thousand steps
// carry rounding differences far), tsne_kl.
void add_embeddings(Report& report, const Embeddings& e);

// The two maps side by side, coloured by class, their accuracies in the titles.
bool plot_embeddings(const Embeddings& e, const std::vector<std::string>& class_names,
                     const std::string& title, const std::string& path);

}  // namespace vae::mnist
