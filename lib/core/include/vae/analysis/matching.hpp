#pragma once
// Matching clusters to class labels, and the confusion matrix.
//
// A clustering numbers its clusters arbitrarily, so "cluster 3" means nothing until it is
// paired with a label. The fair pairing is one-to-one and puts as many samples as possible
// on their true label: an assignment problem on the contingency table, solved exactly by
// the Hungarian algorithm in O(m^3). Pairing each cluster with its most frequent label
// (greedy) can give two clusters the same label and over-state the accuracy.
#include <vector>

#include "vae/analysis/matrix.hpp"

namespace vae::analysis {

using CountMatrix = RowMajorMatrix<long>;

// Minimum-cost assignment on a rows x cols cost matrix with rows <= cols: each row gets a
// distinct column. Returns column[row]. Exact (Hungarian method with potentials, O(rows^2
// cols)). Throws std::invalid_argument if rows > cols or a cost is not finite.
std::vector<int> min_cost_assignment(const Matrix& cost);

// table(c, l): how many samples are in cluster c and have label l. Sizes are
// n_clusters x n_labels; pass -1 to use (largest value + 1). Throws std::invalid_argument on a
// size mismatch or a value outside the range.
CountMatrix contingency_table(const Labels& clusters, const Labels& labels, int n_clusters = -1,
                              int n_labels = -1);

struct ClusterMatching {
    // label_of[c]: the label paired with cluster c, or -1 if there are more clusters than
    // labels and c was left without one (its samples then all count as errors).
    std::vector<int> label_of;
    long matched = 0;     // samples whose cluster is paired with their own label
    long total = 0;       // all samples
    double accuracy = 0;  // matched / total: the clustering accuracy
};

// The one-to-one pairing of clusters with labels that maximises the number of matched
// samples. Any numbers of clusters and labels are allowed; the smaller side is fully paired.
ClusterMatching match_clusters(const Labels& clusters, const Labels& labels, int n_clusters = -1,
                               int n_labels = -1);

// Relabels clusters through a matching: result[i] = label_of[clusters[i]] (-1 if unpaired).
Labels apply_matching(const Labels& clusters, const ClusterMatching& matching);

// confusion(t, p): how many samples have true label t and predicted label p. A predicted -1
// (a sample of an unpaired cluster) falls in no cell, so its row sums to less than the number
// of samples of that class. n_classes = -1 uses the largest label in either vector + 1.
CountMatrix confusion_matrix(const Labels& truth, const Labels& predicted, int n_classes = -1);

// Fraction of samples with predicted == truth (a predicted -1 is always wrong).
double accuracy(const Labels& truth, const Labels& predicted);

}  // namespace vae::analysis
