// k-NN classification and the silhouette score on cases worked out by hand.
#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "catch_compat.hpp"
#include "eigen_literals.hpp"
#include "vae/analysis/neighbours.hpp"
#include "vae/rng.hpp"

namespace test_analysis_neighbours {

using test_support::column;
using vae::analysis::Labels;
using vae::analysis::Matrix;

TEST_CASE("k-NN predictions on a hand-made 1-D case", "[analysis]") {
    // Training points and their labels:
    //   x:     0  1  2  10  11  12
    //   label: 0  0  1   1   1   0
    const Matrix train = column({0, 1, 2, 10, 11, 12});
    const Labels train_labels{0, 0, 1, 1, 1, 0};

    // k = 3 at 1.4: neighbours 1 (0.4, label 0), 2 (0.6, label 1), 0 (1.4, label 0) -> 0.
    // k = 3 at 11.2: 11 (0.2, 1), 12 (0.8, 0), 10 (1.2, 1) -> 1.
    // k = 3 at 1.6: 2 (0.4, 1), 1 (0.6, 0), 0 (1.6, 0) -> 0 (two votes to one).
    const Matrix test = column({1.4, 11.2, 1.6});
    CHECK(vae::analysis::knn_predict(train, train_labels, test, 3) == Labels{0, 1, 0});

    // k = 2 splits the votes 1:1; the nearer neighbour's label wins:
    // at 1.4 the nearest is 1 (label 0); at 1.6 it is 2 (label 1); at 11.2 it is 11 (label 1).
    CHECK(vae::analysis::knn_predict(train, train_labels, test, 2) == Labels{0, 1, 1});

    // k = 1 is the nearest neighbour's label.
    CHECK(vae::analysis::knn_predict(train, train_labels, test, 1) == Labels{0, 1, 1});

    // Accuracy against test labels {0, 0, 0}: k = 3 gets 2 of 3 right.
    CHECK_THAT(vae::analysis::knn_accuracy(train, train_labels, test, Labels{0, 0, 0}, 3),
               WithinRel(2.0 / 3.0, 1e-15));
}

TEST_CASE("k-NN breaks an exact distance tie by training order", "[analysis]") {
    // 0.5 is exactly halfway between 0 (index 0, label 1) and 1 (index 1, label 0): the lower
    // index counts as nearer.
    const Matrix train = column({0, 1});
    CHECK(vae::analysis::knn_predict(train, Labels{1, 0}, column({0.5}), 1) == Labels{1});
    CHECK(vae::analysis::knn_predict(train, Labels{0, 1}, column({0.5}), 1) == Labels{0});
}

TEST_CASE("k-NN uses Euclidean distance in several dimensions", "[analysis]") {
    // From the query (3, 4):
    //   A = (0.5, 1.5): Euclidean sqrt(2 * 2.5^2) ~ 3.54, city-block 5
    //   B = (3, 0):     Euclidean 4,                     city-block 4
    //   C = (6.7, 4):   Euclidean 3.7,                   city-block 3.7
    // Euclidean ranks A, C, B; a city-block distance would rank C, B, A.
    Matrix train(3, 2);
    train << 0.5, 1.5,  //
        3, 0,           //
        6.7, 4;
    Matrix test(1, 2);
    test << 3, 4;
    CHECK(vae::analysis::knn_predict(train, Labels{0, 1, 2}, test, 1) == Labels{0});
    // k = 3 gives one vote each; the nearest (A) wins the tie.
    CHECK(vae::analysis::knn_predict(train, Labels{0, 1, 2}, test, 3) == Labels{0});
    // k = 2: A and C, one vote each; A is nearer.
    CHECK(vae::analysis::knn_predict(train, Labels{2, 1, 0}, test, 2) == Labels{2});
}

TEST_CASE("k-NN agrees with a full sort of all distances", "[analysis]") {
    // Another way to find the neighbours: sort every (distance, index) pair, take the first k,
    // and vote with the same tie rule. Integer coordinates make exact distance ties common.
    vae::Rng rng(31, vae::Stream::Data);
    const int n_train = 60, n_test = 40;
    Matrix train(n_train, 2), test(n_test, 2);
    Labels train_labels(n_train);
    for (int i = 0; i < n_train; ++i) {
        train(i, 0) = double(rng.below(6));
        train(i, 1) = double(rng.below(6));
        train_labels[i] = static_cast<int>(rng.below(3));
    }
    for (int i = 0; i < n_test; ++i) {
        test(i, 0) = double(rng.below(6));
        test(i, 1) = double(rng.below(6));
    }
    for (int k : {1, 2, 4, 5, 9}) {
        const Labels predicted = vae::analysis::knn_predict(train, train_labels, test, k);
        for (int t = 0; t < n_test; ++t) {
            std::vector<std::pair<double, int>> all;
            for (int i = 0; i < n_train; ++i) all.push_back({(train.row(i) - test.row(t)).norm(), i});
            std::sort(all.begin(), all.end());
            int votes[3] = {0, 0, 0}, first[3] = {k, k, k};
            for (int r = 0; r < k; ++r) {
                const int label = train_labels[all[r].second];
                ++votes[label];
                first[label] = std::min(first[label], r);
            }
            int best = 0;
            for (int label = 1; label < 3; ++label) {
                if (votes[label] > votes[best] ||
                    (votes[label] == votes[best] && first[label] < first[best])) {
                    best = label;
                }
            }
            CAPTURE(k, t);
            CHECK(predicted[t] == best);
        }
    }
}

TEST_CASE("k-NN refuses inconsistent input", "[analysis]") {
    const Matrix train = column({0, 1, 2});
    REQUIRE_THROWS_AS(vae::analysis::knn_predict(train, Labels{0, 1}, train, 1), std::invalid_argument);
    REQUIRE_THROWS_AS(vae::analysis::knn_predict(train, Labels{0, 1, 1}, train, 4), std::invalid_argument);
    REQUIRE_THROWS_AS(vae::analysis::knn_predict(train, Labels{0, 1, 1}, Matrix::Zero(1, 2), 1),
                      std::invalid_argument);
}

TEST_CASE("silhouette of a hand-computed 4-point example", "[analysis]") {
    // Points 0, 1 in group 0 and 4, 6 in group 1.
    //   x=0: a = 1, b = (4 + 6)/2 = 5,   s = (5 - 1)/5     = 4/5
    //   x=1: a = 1, b = (3 + 5)/2 = 4,   s = (4 - 1)/4     = 3/4
    //   x=4: a = 2, b = (4 + 3)/2 = 3.5, s = (3.5 - 2)/3.5 = 3/7
    //   x=6: a = 2, b = (6 + 5)/2 = 5.5, s = (5.5 - 2)/5.5 = 7/11
    const Matrix x = column({0, 1, 4, 6});
    const Labels labels{0, 0, 1, 1};
    const auto s = vae::analysis::silhouette_samples(x, labels);
    CHECK_THAT(s(0), WithinRel(4.0 / 5.0, 1e-15));
    CHECK_THAT(s(1), WithinRel(3.0 / 4.0, 1e-15));
    CHECK_THAT(s(2), WithinRel(3.0 / 7.0, 1e-15));
    CHECK_THAT(s(3), WithinRel(7.0 / 11.0, 1e-15));
    const double mean = (4.0 / 5 + 3.0 / 4 + 3.0 / 7 + 7.0 / 11) / 4;
    CHECK_THAT(vae::analysis::silhouette_score(x, labels), WithinRel(mean, 1e-14));

    // Renaming the groups changes nothing.
    CHECK_THAT(vae::analysis::silhouette_score(x, Labels{1, 1, 0, 0}), WithinRel(mean, 1e-14));
}

TEST_CASE("silhouette in two dimensions uses Euclidean distances", "[analysis]") {
    // Group 0: (0,0), (0,2). Group 1: (3,4), (3,6). Distances: (0,0)-(3,4) = 5,
    // (0,2)-(3,6) = 5, (0,0)-(3,6) = sqrt 45, (0,2)-(3,4) = sqrt 13; within groups 2.
    Matrix x(4, 2);
    x << 0, 0,  //
        0, 2,   //
        3, 4,   //
        3, 6;
    const Labels labels{0, 0, 1, 1};
    const double r13 = std::sqrt(13.0), r45 = std::sqrt(45.0);
    // (0,0) and (3,6) see the far pair (5, sqrt 45); (0,2) and (3,4) see (sqrt 13, 5).
    const double s_far = ((5 + r45) / 2 - 2) / ((5 + r45) / 2);
    const double s_near = ((r13 + 5) / 2 - 2) / ((r13 + 5) / 2);
    const auto s = vae::analysis::silhouette_samples(x, labels);
    CHECK_THAT(s(0), WithinRel(s_far, 1e-14));
    CHECK_THAT(s(1), WithinRel(s_near, 1e-14));
    CHECK_THAT(s(2), WithinRel(s_near, 1e-14));
    CHECK_THAT(s(3), WithinRel(s_far, 1e-14));
}

TEST_CASE("silhouette gives a point alone in its group 0", "[analysis]") {
    // 0, 1 | 5 | 9, 10:
    //   x=0:  a = 1, b = min(5, 9.5) = 5,   s = 4/5
    //   x=1:  a = 1, b = min(4, 8.5) = 4,   s = 3/4
    //   x=5:  alone,                         s = 0
    //   x=9:  a = 1, b = min(8.5, 4) = 4,   s = 3/4
    //   x=10: a = 1, b = min(9.5, 5) = 5,   s = 4/5
    const Matrix x = column({0, 1, 5, 9, 10});
    const Labels labels{0, 0, 1, 2, 2};
    const auto s = vae::analysis::silhouette_samples(x, labels);
    CHECK(s(2) == 0.0);
    CHECK_THAT(vae::analysis::silhouette_score(x, labels), WithinRel(3.1 / 5, 1e-14));
}

TEST_CASE("silhouette needs between 2 and n - 1 groups", "[analysis]") {
    const Matrix x = column({0, 1, 2});
    REQUIRE_THROWS_AS(vae::analysis::silhouette_score(x, Labels{0, 0, 0}), std::invalid_argument);
    REQUIRE_THROWS_AS(vae::analysis::silhouette_score(x, Labels{0, 1, 2}), std::invalid_argument);
    REQUIRE_THROWS_AS(vae::analysis::silhouette_score(x, Labels{0, 1}), std::invalid_argument);
}

}  // namespace test_analysis_neighbours
