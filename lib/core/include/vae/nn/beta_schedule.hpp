#pragma once
// The weight beta of the KL term, as a function of the epoch.
#include <string>

namespace vae::nn {

class BetaSchedule {
public:
    // beta for every epoch.
    static BetaSchedule constant(double beta);
    // Linear warm-up, epochs counted from 0:
    //   beta(e) = beta0 + (beta1 - beta0) * min(e, K) / K
    // so epoch 0 uses beta0, epoch K and later use beta1. K = 0 means beta1 throughout.
    static BetaSchedule linear_warmup(double beta0, double beta1, int warmup_epochs);

    BetaSchedule() = default;  // constant 1
    double at(int epoch) const;
    // "constant 1" or "linear 0 -> 1 over 10 epochs".
    std::string describe() const;

private:
    double beta0_ = 1.0;
    double beta1_ = 1.0;
    int warmup_ = 0;
};

}  // namespace vae::nn
