#include "vae/analysis/roc.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <stdexcept>
#include <string>

namespace vae::analysis {
namespace {

std::vector<double> checked_scores(const Vector& scores, const char* which) {
    if (scores.size() == 0) throw std::invalid_argument(std::string("ROC: no ") + which + " scores");
    std::vector<double> v(scores.data(), scores.data() + scores.size());
    for (double s : v)
        if (std::isnan(s)) throw std::invalid_argument(std::string("ROC: a ") + which + " score is NaN");
    return v;
}

}  // namespace

double roc_auc(const Vector& normal_scores, const Vector& anomaly_scores) {
    std::vector<double> normal = checked_scores(normal_scores, "normal");
    const std::vector<double> anomalous = checked_scores(anomaly_scores, "anomaly");
    std::sort(normal.begin(), normal.end());
    // Twice the Mann-Whitney U: 2 per normal score below an anomaly's, 1 per tie. A whole
    // number, so the sum is exact and the one division below is the only rounding.
    std::uint64_t twice_u = 0;
    for (double a : anomalous) {
        const auto below = std::lower_bound(normal.begin(), normal.end(), a);
        const auto above = std::upper_bound(below, normal.end(), a);
        twice_u += 2 * static_cast<std::uint64_t>(below - normal.begin()) +
                   static_cast<std::uint64_t>(above - below);
    }
    const double pairs = static_cast<double>(normal.size()) * static_cast<double>(anomalous.size());
    return static_cast<double>(twice_u) / (2.0 * pairs);
}

std::vector<RocPoint> roc_curve(const Vector& normal_scores, const Vector& anomaly_scores) {
    std::vector<double> normal = checked_scores(normal_scores, "normal");
    std::vector<double> anomalous = checked_scores(anomaly_scores, "anomaly");
    // Highest first: lowering the threshold past a score flags every sample that has it.
    std::sort(normal.begin(), normal.end(), std::greater<double>());
    std::sort(anomalous.begin(), anomalous.end(), std::greater<double>());
    const double n = static_cast<double>(normal.size()), m = static_cast<double>(anomalous.size());
    std::vector<RocPoint> curve{{0.0, 0.0}};
    std::size_t i = 0, j = 0;  // normal and anomaly samples flagged so far
    while (i < normal.size() || j < anomalous.size()) {
        constexpr double none = -std::numeric_limits<double>::infinity();
        const double next =
            std::max(i < normal.size() ? normal[i] : none, j < anomalous.size() ? anomalous[j] : none);
        while (i < normal.size() && normal[i] == next) ++i;
        while (j < anomalous.size() && anomalous[j] == next) ++j;
        curve.push_back({static_cast<double>(i) / n, static_cast<double>(j) / m});
    }
    return curve;
}

}  // namespace vae::analysis
