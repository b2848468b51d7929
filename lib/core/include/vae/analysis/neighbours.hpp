#pragma once
// How well an embedding separates classes, without training anything on it:
//   - k-nearest-neighbour classification (label of the majority of the k closest training
//     points, Euclidean distance);
//   - the silhouette score of a labelling (how much closer each point is to its own group
//     than to the nearest other group).
#include "vae/analysis/matrix.hpp"

namespace vae::analysis {

// Predicts a label for every row of test from its k nearest rows of train.
// Ties are settled without randomness:
//   - two training points at the same distance: the lower training index counts as nearer;
//   - two labels with the same number of votes: the label of the nearer neighbour wins (the
//     one whose closest voter ranks first), which is the 1-nearest-neighbour answer among them.
// Throws std::invalid_argument if k < 1, k > train rows, the column counts differ or
// train_labels has the wrong size. Cost: test rows x train rows distances.
Labels knn_predict(const Matrix& train, const Labels& train_labels, const Matrix& test, int k = 5);

// Fraction of test rows whose knn_predict label equals test_labels.
double knn_accuracy(const Matrix& train, const Labels& train_labels, const Matrix& test,
                    const Labels& test_labels, int k = 5);

// Silhouette score: the mean over points of s(i) = (b(i) - a(i)) / max(a(i), b(i)), where
//   a(i) = mean distance from i to the other points of its own group,
//   b(i) = the smallest, over the other groups, of the mean distance from i to that group.
// s(i) is in [-1, 1]: near 1 when i sits well inside its group. A point alone in its group
// has s(i) = 0 by definition (a(i) would be an average over nothing), and so has a point with
// a(i) = b(i) = 0. Labels must be 0..g-1; the groups that occur must number between 2 and
// n - 1, otherwise std::invalid_argument. Cost: n^2 distances.
double silhouette_score(const Matrix& x, const Labels& labels);

// The per-point values s(i) averaged by silhouette_score.
Vector silhouette_samples(const Matrix& x, const Labels& labels);

}  // namespace vae::analysis
