#include "vae/analysis/matching.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>

namespace vae::analysis {

namespace {

int count_from(const Labels& values, int requested, const char* what) {
    if (requested >= 0) return requested;
    int largest = -1;
    for (int v : values) largest = std::max(largest, v);
    if (largest < 0 && !values.empty()) {
        throw std::invalid_argument(std::string(what) + ": labels must be >= 0");
    }
    return largest + 1;
}

void check_range(const Labels& values, int size, const char* what, const char* name) {
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (values[i] < 0 || values[i] >= size) {
            throw std::invalid_argument(std::string(what) + ": " + name + "[" + std::to_string(i) +
                                        "] = " + std::to_string(values[i]) + " is outside 0.." +
                                        std::to_string(size - 1));
        }
    }
}

void check_same_size(const Labels& a, const Labels& b, const char* what) {
    if (a.size() != b.size()) {
        throw std::invalid_argument(std::string(what) + ": the two label vectors have " +
                                    std::to_string(a.size()) + " and " + std::to_string(b.size()) +
                                    " entries");
    }
}

}  // namespace

std::vector<int> min_cost_assignment(const Matrix& cost) {
    const int rows = static_cast<int>(cost.rows()), cols = static_cast<int>(cost.cols());
    if (rows > cols) {
        throw std::invalid_argument("min_cost_assignment needs rows <= cols, got " + std::to_string(rows) +
                                    " x " + std::to_string(cols));
    }
    if (!cost.allFinite()) throw std::invalid_argument("min_cost_assignment: a cost is not finite");

    // Shortest augmenting paths with dual potentials u (rows) and v (columns). The reduced cost
    // cost(i, j) - u(i) - v(j) stays >= 0, and is 0 on every matched pair, which proves the
    // final matching optimal. Index 0 is a virtual column where each new row's path starts;
    // real rows and columns are numbered from 1.
    const double inf = std::numeric_limits<double>::infinity();
    std::vector<double> u(rows + 1, 0.0), v(cols + 1, 0.0);
    std::vector<int> row_of(cols + 1, 0);    // row_of[j]: the row matched to column j (0: none)
    std::vector<int> previous(cols + 1, 0);  // the column before j on the shortest path

    for (int row = 1; row <= rows; ++row) {
        row_of[0] = row;
        int column = 0;
        std::vector<double> slack(cols + 1, inf);  // shortest reduced distance to each column
        std::vector<char> visited(cols + 1, 0);
        do {
            visited[column] = 1;
            const int i = row_of[column];
            double delta = inf;
            int next = 0;
            for (int j = 1; j <= cols; ++j) {
                if (visited[j]) continue;
                const double reduced = cost(i - 1, j - 1) - u[i] - v[j];
                if (reduced < slack[j]) {
                    slack[j] = reduced;
                    previous[j] = column;
                }
                if (slack[j] < delta) {  // strict: the lowest column index wins a tie
                    delta = slack[j];
                    next = j;
                }
            }
            // Raise the potentials of the tree by delta: one more column becomes tight.
            for (int j = 0; j <= cols; ++j) {
                if (visited[j]) {
                    u[row_of[j]] += delta;
                    v[j] -= delta;
                } else {
                    slack[j] -= delta;
                }
            }
            column = next;
        } while (row_of[column] != 0);
        // Reached a free column: flip the matching along the path back to the virtual one.
        do {
            const int before = previous[column];
            row_of[column] = row_of[before];
            column = before;
        } while (column != 0);
    }

    std::vector<int> column_of(rows, -1);
    for (int j = 1; j <= cols; ++j) {
        if (row_of[j] != 0) column_of[row_of[j] - 1] = j - 1;
    }
    return column_of;
}

CountMatrix contingency_table(const Labels& clusters, const Labels& labels, int n_clusters, int n_labels) {
    const char* what = "contingency_table";
    check_same_size(clusters, labels, what);
    n_clusters = count_from(clusters, n_clusters, what);
    n_labels = count_from(labels, n_labels, what);
    check_range(clusters, n_clusters, what, "clusters");
    check_range(labels, n_labels, what, "labels");
    CountMatrix table = CountMatrix::Zero(n_clusters, n_labels);
    for (std::size_t i = 0; i < clusters.size(); ++i) ++table(clusters[i], labels[i]);
    return table;
}

ClusterMatching match_clusters(const Labels& clusters, const Labels& labels, int n_clusters, int n_labels) {
    const CountMatrix table = contingency_table(clusters, labels, n_clusters, n_labels);
    const Eigen::Index k = table.rows(), m = table.cols();
    ClusterMatching matching;
    matching.label_of.assign(k, -1);
    // Maximising the matched count is minimising its negative. The assignment solver wants
    // no more rows than columns, so the smaller side goes in the rows.
    const Matrix negated = -table.cast<double>();
    if (k <= m) {
        const std::vector<int> label = min_cost_assignment(negated);
        for (Eigen::Index c = 0; c < k; ++c) matching.label_of[c] = label[c];
    } else {
        const std::vector<int> cluster = min_cost_assignment(negated.transpose());
        for (Eigen::Index l = 0; l < m; ++l) matching.label_of[cluster[l]] = static_cast<int>(l);
    }
    for (Eigen::Index c = 0; c < k; ++c) {
        if (matching.label_of[c] >= 0) matching.matched += table(c, matching.label_of[c]);
    }
    matching.total = static_cast<long>(clusters.size());
    matching.accuracy = matching.total > 0 ? static_cast<double>(matching.matched) / matching.total : 0.0;
    return matching;
}

Labels apply_matching(const Labels& clusters, const ClusterMatching& matching) {
    Labels relabelled(clusters.size());
    const int k = static_cast<int>(matching.label_of.size());
    check_range(clusters, k, "apply_matching", "clusters");
    for (std::size_t i = 0; i < clusters.size(); ++i) {
        relabelled[i] = matching.label_of[clusters[i]];
    }
    return relabelled;
}

CountMatrix confusion_matrix(const Labels& truth, const Labels& predicted, int n_classes) {
    const char* what = "confusion_matrix";
    check_same_size(truth, predicted, what);
    if (n_classes < 0) {
        n_classes = std::max(count_from(truth, -1, what), 0);
        for (int p : predicted) n_classes = std::max(n_classes, p + 1);
    }
    check_range(truth, n_classes, what, "truth");
    CountMatrix confusion = CountMatrix::Zero(n_classes, n_classes);
    for (std::size_t i = 0; i < truth.size(); ++i) {
        if (predicted[i] == -1) continue;  // an unpaired cluster: no predicted class
        if (predicted[i] < 0 || predicted[i] >= n_classes) {
            throw std::invalid_argument("confusion_matrix: predicted[" + std::to_string(i) +
                                        "] = " + std::to_string(predicted[i]) + " is outside -1.." +
                                        std::to_string(n_classes - 1));
        }
        ++confusion(truth[i], predicted[i]);
    }
    return confusion;
}

double accuracy(const Labels& truth, const Labels& predicted) {
    check_same_size(truth, predicted, "accuracy");
    if (truth.empty()) return 0.0;
    long correct = 0;
    for (std::size_t i = 0; i < truth.size(); ++i) correct += (truth[i] == predicted[i]);
    return static_cast<double>(correct) / static_cast<double>(truth.size());
}

}  // namespace vae::analysis
