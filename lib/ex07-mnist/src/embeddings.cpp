#include "ex07/embeddings.hpp"

#include <chrono>
#include <cstdio>

#include "vae/analysis/neighbours.hpp"
#include "vae/analysis/pca.hpp"
#include "vae/plot.hpp"

namespace vae::mnist {

namespace {

std::string percent(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f%%", 100.0 * v);
    return buf;
}

plot::Panel class_map(const analysis::Matrix& xy, const analysis::Labels& labels,
                      const std::vector<std::string>& class_names, const std::string& title,
                      const std::string& axis) {
    plot::Panel p;
    p.title = title;
    p.xlabel = axis + " 1";
    p.ylabel = axis + " 2";
    p.settings = {"set key outside right top title 'class' box"};
    for (int c = 0; c < static_cast<int>(class_names.size()); ++c) {
        plot::Series s;
        s.title = class_names[std::size_t(c)];
        s.style = "using 1:2 with points pt 7 ps 0.45 lc rgb '" + plot::color(c) + "'";
        for (Eigen::Index i = 0; i < xy.rows(); ++i)
            if (labels[std::size_t(i)] == c) s.rows.push_back({xy(i, 0), xy(i, 1)});
        p.series.push_back(s);
    }
    return p;
}

}  // namespace

double even_odd_knn_accuracy(const analysis::Matrix& y, const analysis::Labels& labels, int k) {
    const Eigen::Index n = y.rows();
    analysis::Matrix train((n + 1) / 2, y.cols()), test(n / 2, y.cols());
    analysis::Labels train_labels, test_labels;
    for (Eigen::Index i = 0; i < n; ++i) {
        if (i % 2 == 0) {
            train.row(i / 2) = y.row(i);
            train_labels.push_back(labels[std::size_t(i)]);
        } else {
            test.row(i / 2) = y.row(i);
            test_labels.push_back(labels[std::size_t(i)]);
        }
    }
    return analysis::knn_accuracy(train, train_labels, test, test_labels, k);
}

Embeddings embed_latent(const analysis::Matrix& mu, const analysis::Labels& labels,
                        const analysis::TsneOptions& options) {
    Embeddings e;
    e.labels = labels;
    const auto start = std::chrono::steady_clock::now();
    const analysis::Tsne t = analysis::fit_tsne(mu, options);
    e.tsne_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    e.tsne = t.embedding;
    e.tsne_kl = t.kl_divergence;
    e.pca = analysis::fit_pca(mu, 2).transform(mu);
    e.tsne_knn = even_odd_knn_accuracy(e.tsne, labels, kEmbeddingNeighbours);
    e.pca_knn = even_odd_knn_accuracy(e.pca, labels, kEmbeddingNeighbours);
    e.mu_knn = even_odd_knn_accuracy(mu, labels, kEmbeddingNeighbours);
    return e;
}

void add_embeddings(Report& report, const Embeddings& e) {
    const std::string on = " (" + std::to_string(e.tsne.rows()) + " test images, even classify odd)";
    report.add_unchecked("tsne_knn_accuracy", e.tsne_knn, "5-NN accuracy on the t-SNE map of mu" + on);
    report.add_unchecked("pca_knn_accuracy", e.pca_knn, "5-NN accuracy on the PCA plane of mu" + on);
    report.add_unchecked("mu_knn_accuracy", e.mu_knn, "5-NN accuracy on mu itself" + on);
    report.add_unchecked("tsne_kl", e.tsne_kl, "KL(P || Q) of the t-SNE map");
}

bool plot_embeddings(const Embeddings& e, const std::vector<std::string>& class_names,
                     const std::string& title, const std::string& path) {
    plot::Figure fig;
    fig.title = title;
    fig.width = 1700;
    fig.height = 800;
    fig.grid_cols = 2;
    fig.panels = {class_map(e.tsne, e.labels, class_names,
                            "t-SNE of mu: 5-NN accuracy " + percent(e.tsne_knn), "t-SNE"),
                  class_map(e.pca, e.labels, class_names,
                            "PCA plane of mu: 5-NN accuracy " + percent(e.pca_knn) + " (mu itself " +
                                percent(e.mu_knn) + ")",
                            "principal component")};
    return plot::save_png(fig, path);
}

}  // namespace vae::mnist
