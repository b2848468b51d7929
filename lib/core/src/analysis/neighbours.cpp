#include "vae/analysis/neighbours.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>

namespace vae::analysis {

namespace {

int label_count(const Labels& labels, const char* what) {
    int largest = -1;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (labels[i] < 0) {
            throw std::invalid_argument(std::string(what) + ": label[" + std::to_string(i) +
                                        "] = " + std::to_string(labels[i]) + " is negative");
        }
        largest = std::max(largest, labels[i]);
    }
    return largest + 1;
}

void check_rows(const Matrix& x, const Labels& labels, const char* what) {
    if (static_cast<std::size_t>(x.rows()) != labels.size()) {
        throw std::invalid_argument(std::string(what) + ": " + std::to_string(x.rows()) + " rows but " +
                                    std::to_string(labels.size()) + " labels");
    }
}

}  // namespace

Labels knn_predict(const Matrix& train, const Labels& train_labels, const Matrix& test, int k) {
    const char* what = "knn_predict";
    check_rows(train, train_labels, what);
    if (k < 1 || k > train.rows()) {
        throw std::invalid_argument("knn_predict needs 1 <= k <= training rows (" +
                                    std::to_string(train.rows()) + "), got k = " + std::to_string(k));
    }
    if (test.rows() > 0 && train.cols() != test.cols()) {
        throw std::invalid_argument("knn_predict: training rows have " + std::to_string(train.cols()) +
                                    " columns, test rows " + std::to_string(test.cols()));
    }
    const int n_labels = label_count(train_labels, what);

    const Eigen::Index n_train = train.rows(), dims = train.cols();
    // The k nearest so far as (squared distance, training index), sorted: comparing pairs puts
    // the lower index first on a distance tie. Ranking needs no square root. One pass with a
    // short insertion list beats sorting all n_train distances when k is small.
    using Neighbour = std::pair<double, Eigen::Index>;
    std::vector<Neighbour> nearest;
    nearest.reserve(k + 1);
    std::vector<int> votes(n_labels), first_rank(n_labels);
    Labels predicted(test.rows());
    for (Eigen::Index t = 0; t < test.rows(); ++t) {
        const double* query = test.row(t).data();
        nearest.clear();
        for (Eigen::Index i = 0; i < n_train; ++i) {
            const double* point = train.row(i).data();
            double d2 = 0;
            for (Eigen::Index j = 0; j < dims; ++j) {
                const double diff = point[j] - query[j];
                d2 += diff * diff;
            }
            const Neighbour candidate{d2, i};
            if (static_cast<int>(nearest.size()) == k && !(candidate < nearest.back())) continue;
            nearest.insert(std::upper_bound(nearest.begin(), nearest.end(), candidate), candidate);
            if (static_cast<int>(nearest.size()) > k) nearest.pop_back();
        }

        std::fill(votes.begin(), votes.end(), 0);
        std::fill(first_rank.begin(), first_rank.end(), k);
        for (int r = 0; r < k; ++r) {
            const int label = train_labels[nearest[r].second];
            ++votes[label];
            first_rank[label] = std::min(first_rank[label], r);
        }
        int best = -1;
        for (int label = 0; label < n_labels; ++label) {
            if (votes[label] == 0) continue;
            if (best < 0 || votes[label] > votes[best] ||
                (votes[label] == votes[best] && first_rank[label] < first_rank[best])) {
                best = label;
            }
        }
        predicted[t] = best;
    }
    return predicted;
}

double knn_accuracy(const Matrix& train, const Labels& train_labels, const Matrix& test,
                    const Labels& test_labels, int k) {
    check_rows(test, test_labels, "knn_accuracy");
    if (test.rows() == 0) return 0.0;
    const Labels predicted = knn_predict(train, train_labels, test, k);
    long correct = 0;
    for (std::size_t i = 0; i < predicted.size(); ++i) correct += (predicted[i] == test_labels[i]);
    return static_cast<double>(correct) / static_cast<double>(predicted.size());
}

Vector silhouette_samples(const Matrix& x, const Labels& labels) {
    const char* what = "silhouette";
    check_rows(x, labels, what);
    const Eigen::Index n = x.rows();
    const int groups = label_count(labels, what);
    std::vector<long> size(groups, 0);
    for (int label : labels) ++size[label];
    const long occurring = std::count_if(size.begin(), size.end(), [](long s) { return s > 0; });
    if (occurring < 2 || occurring > n - 1) {
        throw std::invalid_argument("silhouette needs between 2 and n - 1 = " + std::to_string(n - 1) +
                                    " groups, got " + std::to_string(occurring));
    }

    // distance_sum(i, g): sum of distances from point i to the points of group g. Each pair
    // is measured once and added to both of its points.
    Matrix distance_sum = Matrix::Zero(n, groups);
    for (Eigen::Index i = 0; i < n; ++i) {
        for (Eigen::Index j = i + 1; j < n; ++j) {
            const double d = (x.row(i) - x.row(j)).norm();
            distance_sum(i, labels[j]) += d;
            distance_sum(j, labels[i]) += d;
        }
    }

    Vector s(n);
    for (Eigen::Index i = 0; i < n; ++i) {
        const int own = labels[i];
        if (size[own] == 1) {
            s(i) = 0.0;  // alone in its group: a(i) is undefined, s(i) is 0 by convention
            continue;
        }
        // a(i) averages over the other members of its group: size - 1 of them.
        const double a = distance_sum(i, own) / static_cast<double>(size[own] - 1);
        double b = std::numeric_limits<double>::infinity();
        for (int g = 0; g < groups; ++g) {
            if (g == own || size[g] == 0) continue;
            b = std::min(b, distance_sum(i, g) / static_cast<double>(size[g]));
        }
        const double larger = std::max(a, b);
        // s(i) = (b - a) / max(a, b); both zero means i coincides with everything: s = 0.
        s(i) = larger > 0 ? (b - a) / larger : 0.0;
    }
    return s;
}

double silhouette_score(const Matrix& x, const Labels& labels) {
    return silhouette_samples(x, labels).mean();
}

}  // namespace vae::analysis
