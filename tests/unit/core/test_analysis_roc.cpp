// ROC AUC and the ROC curve on hand-counted cases, and against the pair-by-pair definition.
#include <cmath>
#include <limits>
#include <stdexcept>

#include "catch_compat.hpp"
#include "eigen_literals.hpp"
#include "vae/analysis/roc.hpp"
#include "vae/rng.hpp"

namespace test_analysis_roc {

using test_support::vec;
using vae::analysis::roc_auc;
using vae::analysis::roc_curve;
using vae::analysis::Vector;

namespace {

// The definition, one pair at a time, in another order than roc_auc counts.
double auc_by_pairs(const Vector& normal, const Vector& anomalous) {
    double wins = 0;
    for (Eigen::Index b = 0; b < anomalous.size(); ++b)
        for (Eigen::Index a = 0; a < normal.size(); ++a)
            wins += anomalous(b) > normal(a) ? 1.0 : anomalous(b) == normal(a) ? 0.5 : 0.0;
    return wins / (double(normal.size()) * double(anomalous.size()));
}

double trapezoid_area(const std::vector<vae::analysis::RocPoint>& curve) {
    double area = 0;
    for (std::size_t k = 1; k < curve.size(); ++k)
        area += (curve[k].false_positive_rate - curve[k - 1].false_positive_rate) *
                (curve[k].true_positive_rate + curve[k - 1].true_positive_rate) / 2;
    return area;
}

}  // namespace

TEST_CASE("ROC AUC of hand-counted cases", "[analysis][roc]") {
    // Anomaly 2.5 beats normals 1 and 2, anomaly 4 beats all three: 5 of 6 pairs.
    CHECK(roc_auc(vec({1, 2, 3}), vec({2.5, 4})) == 5.0 / 6.0);
    // A tie counts one half: anomaly 1 beats normal 0 and ties normal 1, (1 + 0.5) / 2.
    CHECK(roc_auc(vec({0, 1}), vec({1})) == 0.75);
    // Anomaly 2 beats 1 and ties two 2s (1 + 0.5 + 0.5), anomaly 3 beats all three: 5 / 6.
    CHECK(roc_auc(vec({1, 2, 2}), vec({2, 3})) == 5.0 / 6.0);
    // Perfect, reversed, and all tied.
    CHECK(roc_auc(vec({0, 1, 2}), vec({3, 4})) == 1.0);
    CHECK(roc_auc(vec({3, 4}), vec({0, 1, 2})) == 0.0);
    CHECK(roc_auc(vec({7, 7, 7}), vec({7, 7})) == 0.5);
    // Infinities order like other values.
    const double inf = std::numeric_limits<double>::infinity();
    CHECK(roc_auc(vec({-inf, 0}), vec({inf, -inf})) == 0.625);  // (2 + 0.5) / 4
}

TEST_CASE("ROC AUC matches the pair-by-pair definition, ties included", "[analysis][roc]") {
    vae::Rng rng(11, vae::Stream::Data);
    for (int trial = 0; trial < 20; ++trial) {
        const int n = 1 + static_cast<int>(rng.below(40)), m = 1 + static_cast<int>(rng.below(40));
        Vector normal(n), anomalous(m);
        // Rounded to tenths so that ties are common; the anomalies shifted up a little.
        for (int i = 0; i < n; ++i) normal(i) = std::round(10 * rng.normal()) / 10;
        for (int i = 0; i < m; ++i) anomalous(i) = std::round(10 * (rng.normal() + 0.5)) / 10;
        const double auc = roc_auc(normal, anomalous);
        CHECK_THAT(auc, WithinAbs(auc_by_pairs(normal, anomalous), 1e-15));
        // Swapping the roles turns every win into a loss: AUC(b, a) = 1 - AUC(a, b).
        CHECK_THAT(roc_auc(anomalous, normal), WithinAbs(1.0 - auc, 1e-15));
        // Only the order of the scores matters.
        const Vector squashed_normal = normal.array().tanh(), squashed_anomalous = anomalous.array().tanh();
        CHECK(roc_auc(squashed_normal, squashed_anomalous) == auc);
    }
}

TEST_CASE("the ROC curve, point by point and by its area", "[analysis][roc]") {
    // Thresholds from the top: 4 flags one anomaly, 3 one normal, 2.5 the other anomaly,
    // 2 and 1 the remaining normals.
    const auto curve = roc_curve(vec({1, 2, 3}), vec({2.5, 4}));
    const double third = 1.0 / 3.0;
    const std::vector<std::pair<double, double>> expected = {{0, 0},     {0, 0.5},       {third, 0.5},
                                                             {third, 1}, {2 * third, 1}, {1, 1}};
    REQUIRE(curve.size() == expected.size());
    for (std::size_t k = 0; k < curve.size(); ++k) {
        CHECK_THAT(curve[k].false_positive_rate, WithinAbs(expected[k].first, 1e-15));
        CHECK_THAT(curve[k].true_positive_rate, WithinAbs(expected[k].second, 1e-15));
    }
    // A tie moves both rates in one step: the diagonal of a coin toss.
    const auto tied = roc_curve(vec({5, 5}), vec({5}));
    REQUIRE(tied.size() == 2);
    CHECK(tied[1].false_positive_rate == 1.0);
    CHECK(tied[1].true_positive_rate == 1.0);

    vae::Rng rng(5, vae::Stream::Data);
    Vector normal(30), anomalous(17);
    for (int i = 0; i < 30; ++i) normal(i) = std::round(4 * rng.normal()) / 4;
    for (int i = 0; i < 17; ++i) anomalous(i) = std::round(4 * (rng.normal() + 1)) / 4;
    CHECK_THAT(trapezoid_area(roc_curve(normal, anomalous)), WithinAbs(roc_auc(normal, anomalous), 1e-14));
}

TEST_CASE("ROC refuses empty sets and NaN scores", "[analysis][roc]") {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    CHECK_THROWS_AS(roc_auc(Vector(0), vec({1})), std::invalid_argument);
    CHECK_THROWS_AS(roc_auc(vec({1}), Vector(0)), std::invalid_argument);
    CHECK_THROWS_AS(roc_auc(vec({1, nan}), vec({1})), std::invalid_argument);
    CHECK_THROWS_AS(roc_curve(vec({1}), vec({nan})), std::invalid_argument);
}

}  // namespace test_analysis_roc
