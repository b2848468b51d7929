#include "vae/nn/beta_schedule.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "vae/error.hpp"

namespace vae::nn {

BetaSchedule BetaSchedule::constant(double beta) { return linear_warmup(beta, beta, 0); }

BetaSchedule BetaSchedule::linear_warmup(double beta0, double beta1, int warmup_epochs) {
    if (!std::isfinite(beta0) || !std::isfinite(beta1) || beta0 < 0 || beta1 < 0)
        throw UsageError("beta must be finite and >= 0");
    if (warmup_epochs < 0) throw UsageError("the beta warm-up needs >= 0 epochs");
    BetaSchedule s;
    s.beta0_ = beta0;
    s.beta1_ = beta1;
    s.warmup_ = warmup_epochs;
    return s;
}

double BetaSchedule::at(int epoch) const {
    if (warmup_ == 0) return beta1_;
    const double progress = double(std::min(std::max(epoch, 0), warmup_)) / warmup_;
    return beta0_ + (beta1_ - beta0_) * progress;
}

std::string BetaSchedule::describe() const {
    std::ostringstream s;
    if (warmup_ == 0 || beta0_ == beta1_)
        s << "constant " << beta1_;
    else
        s << "linear " << beta0_ << " -> " << beta1_ << " over " << warmup_ << " epochs";
    return s.str();
}

}  // namespace vae::nn
