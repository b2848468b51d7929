// Cluster-to-label matching: hand-made tables, and brute force over all permutations.
#include <algorithm>
#include <numeric>

#include "catch_compat.hpp"
#include "vae/analysis/matching.hpp"
#include "vae/rng.hpp"

namespace test_analysis_matching {

using vae::analysis::CountMatrix;
using vae::analysis::Labels;
using vae::analysis::Matrix;

namespace {

// Label vectors whose contingency table is `table` (cluster c, label l, table(c, l) times).
void samples_from_table(const CountMatrix& table, Labels& clusters, Labels& labels) {
    clusters.clear();
    labels.clear();
    for (int c = 0; c < table.rows(); ++c)
        for (int l = 0; l < table.cols(); ++l)
            for (long r = 0; r < table(c, l); ++r) {
                clusters.push_back(c);
                labels.push_back(l);
            }
}

// Smallest total cost over every injective map from rows to columns, by enumeration.
double brute_force_min(const Matrix& cost) {
    std::vector<int> columns(cost.cols());
    std::iota(columns.begin(), columns.end(), 0);
    double best = 1e300;
    // Every permutation of the columns; the first `rows` entries are the rows' columns. Each
    // injective map appears (cols - rows)! times, which does not change the minimum.
    do {
        double total = 0;
        for (int r = 0; r < cost.rows(); ++r) total += cost(r, columns[r]);
        best = std::min(best, total);
    } while (std::next_permutation(columns.begin(), columns.end()));
    return best;
}

double cost_of(const Matrix& cost, const std::vector<int>& column_of) {
    double total = 0;
    for (int r = 0; r < cost.rows(); ++r) total += cost(r, column_of[r]);
    return total;
}

bool distinct_in_range(const std::vector<int>& column_of, int cols) {
    std::vector<int> sorted = column_of;
    std::sort(sorted.begin(), sorted.end());
    return std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end() && sorted.front() >= 0 &&
           sorted.back() < cols;
}

}  // namespace

TEST_CASE("min-cost assignment on a hand-checked 3 x 3 matrix", "[analysis]") {
    // The six permutations cost 6, 11, 5, 9, 7, 6; the best is rows -> (1, 0, 2), cost 5.
    Matrix cost(3, 3);
    cost << 4, 1, 3,  //
        2, 0, 5,      //
        3, 2, 2;
    const auto column_of = vae::analysis::min_cost_assignment(cost);
    CHECK(column_of == std::vector<int>{1, 0, 2});
}

TEST_CASE("matching beats the greedy choice on a hand-made table", "[analysis]") {
    // Greedy takes the largest cell (c0, l0) = 10 first, then (c2, l2) = 5 and (c1, l1) = 0:
    // 15 matched. The best pairing is c0 -> l1, c1 -> l0, c2 -> l2: 9 + 9 + 5 = 23 of 33.
    CountMatrix table(3, 3);
    table << 10, 9, 0,  //
        9, 0, 0,        //
        0, 0, 5;
    Labels clusters, labels;
    samples_from_table(table, clusters, labels);
    CHECK(vae::analysis::contingency_table(clusters, labels) == table);

    const auto m = vae::analysis::match_clusters(clusters, labels);
    CHECK(m.label_of == std::vector<int>{1, 0, 2});
    CHECK(m.matched == 23);
    CHECK(m.total == 33);
    CHECK_THAT(m.accuracy, WithinRel(23.0 / 33.0, 1e-15));

    // After relabelling, the diagonal of the confusion matrix holds the matched counts.
    const Labels predicted = vae::analysis::apply_matching(clusters, m);
    const CountMatrix confusion = vae::analysis::confusion_matrix(labels, predicted, 3);
    // c0's samples are now predicted 1 (10 of truth 0, 9 of truth 1), c1's predicted 0 (9 of
    // truth 0), c2's predicted 2 (5 of truth 2).
    CountMatrix expected(3, 3);
    expected << 9, 10, 0,  //
        0, 9, 0,           //
        0, 0, 5;
    CHECK(confusion == expected);
    CHECK(confusion.trace() == 23);
}

TEST_CASE("matching agrees with brute force on random tables", "[analysis]") {
    vae::Rng rng(21, vae::Stream::Data);
    for (int trial = 0; trial < 200; ++trial) {
        CountMatrix table(5, 5);
        for (int c = 0; c < 5; ++c)
            for (int l = 0; l < 5; ++l) table(c, l) = static_cast<long>(rng.below(21));
        Labels clusters, labels;
        samples_from_table(table, clusters, labels);
        const auto m = vae::analysis::match_clusters(clusters, labels, 5, 5);
        CAPTURE(trial);
        REQUIRE(distinct_in_range(m.label_of, 5));
        const Matrix negated = -table.cast<double>();
        CHECK(double(-m.matched) == brute_force_min(negated));
    }
}

TEST_CASE("min-cost assignment agrees with brute force on rectangular real costs", "[analysis]") {
    vae::Rng rng(22, vae::Stream::Data);
    for (int trial = 0; trial < 100; ++trial) {
        const int rows = 1 + static_cast<int>(rng.below(4)), cols = rows + static_cast<int>(rng.below(3));
        Matrix cost(rows, cols);
        for (int r = 0; r < rows; ++r)
            for (int c = 0; c < cols; ++c) cost(r, c) = rng.normal();
        const auto column_of = vae::analysis::min_cost_assignment(cost);
        CAPTURE(trial, rows, cols);
        REQUIRE(distinct_in_range(column_of, cols));
        CHECK_THAT(cost_of(cost, column_of), WithinAbs(brute_force_min(cost), 1e-12));
    }
    REQUIRE_THROWS_AS(vae::analysis::min_cost_assignment(Matrix::Zero(3, 2)), std::invalid_argument);
}

TEST_CASE("matching with more clusters than labels leaves clusters unpaired", "[analysis]") {
    // Four clusters, two labels. Best: c1 -> l0 (6), c3 -> l1 (7); c0 and c2 unpaired.
    CountMatrix table(4, 2);
    table << 2, 1,  //
        6, 0,       //
        3, 3,       //
        0, 7;
    Labels clusters, labels;
    samples_from_table(table, clusters, labels);
    const auto m = vae::analysis::match_clusters(clusters, labels);
    CHECK(m.label_of == std::vector<int>{-1, 0, -1, 1});
    CHECK(m.matched == 13);
    CHECK(m.total == 22);
    const Labels predicted = vae::analysis::apply_matching(clusters, m);
    CHECK(vae::analysis::accuracy(labels, predicted) == m.accuracy);
}

TEST_CASE("confusion matrix counts by hand", "[analysis]") {
    // truth:     0 0 1 1 2 2 2
    // predicted: 0 1 1 1 2 0 2
    const Labels truth{0, 0, 1, 1, 2, 2, 2}, predicted{0, 1, 1, 1, 2, 0, 2};
    CountMatrix expected(3, 3);
    expected << 1, 1, 0,  //
        0, 2, 0,          //
        1, 0, 2;
    CHECK(vae::analysis::confusion_matrix(truth, predicted) == expected);
    CHECK_THAT(vae::analysis::accuracy(truth, predicted), WithinRel(5.0 / 7.0, 1e-15));

    // An unpaired cluster's samples (-1) count in no cell.
    const Labels with_unpaired{0, -1, 1, 1, 2, 0, 2};
    expected(0, 1) = 0;
    CHECK(vae::analysis::confusion_matrix(truth, with_unpaired, 3) == expected);

    REQUIRE_THROWS_AS(vae::analysis::confusion_matrix(truth, Labels{0, 1}), std::invalid_argument);
    REQUIRE_THROWS_AS(vae::analysis::contingency_table(Labels{0, 5}, Labels{0, 1}, 3, 2),
                      std::invalid_argument);
}

}  // namespace test_analysis_matching
