#pragma once
// How well a score tells anomalies from normal samples, whatever threshold one would pick.
//
// A score is meant to be higher for anomalies (a reconstruction error, a negative ELBO).
// Flag every sample whose score is above a threshold t: the true positive rate TPR(t) is the
// share of anomalies flagged, the false positive rate FPR(t) the share of normal samples
// flagged. The ROC curve traces (FPR, TPR) as t falls from +inf to -inf, and the area under it
// is the Mann-Whitney statistic:
//     AUC = (1 / (n m)) sum over all pairs (normal a, anomaly b) of [s_b > s_a] + 1/2 [s_b = s_a]
// the probability that a random anomaly scores higher than a random normal sample, a tie
// counting one half. 1: every anomaly above every normal sample; 0.5: no better than a coin.
#include <vector>

#include "vae/analysis/matrix.hpp"

namespace vae::analysis {

// AUC as above, counted exactly: the pair counts are whole numbers (ties counted as 1 of
// 2 n m halves), divided once at the end. Throws std::invalid_argument when either set is
// empty or a score is NaN (infinities are fine: they order like any other value).
double roc_auc(const Vector& normal_scores, const Vector& anomaly_scores);

struct RocPoint {
    double false_positive_rate = 0;
    double true_positive_rate = 0;
};

// The curve from (0, 0) to (1, 1): one point per distinct score, taken as the threshold from
// the highest down. Samples that tie move both rates at once, so the curve runs diagonally
// there, and the trapezoids under it add up to roc_auc. Same errors as roc_auc.
std::vector<RocPoint> roc_curve(const Vector& normal_scores, const Vector& anomaly_scores);

}  // namespace vae::analysis
