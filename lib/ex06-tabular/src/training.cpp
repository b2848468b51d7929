#include "ex06/training.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include "vae/data/scaling.hpp"
#include "vae/error.hpp"
#include "vae/report.hpp"

namespace vae::tabular {
namespace {

bool close(double got, double expected, double relative) {
    return std::abs(got - expected) <= relative * std::max(1.0, std::abs(expected));
}

std::string num(double v) { return format_value(v); }

[[noreturn]] void diverged(const std::string& where, double value) {
    throw NumericError(
        "training diverged: the loss became " + num(value) + " " + where +
        ". With a Bernoulli decoder and data outside [0, 1] the cross-entropy has no lower bound "
        "and runs off to -infinity (the scaling lesson: use --scaling minmax or --likelihood "
        "gaussian); otherwise try a smaller --lr.");
}

}  // namespace

RowMatrix Scaling::inverse(const RowMatrix& y) const {
    if (y.cols() != scale.size())
        throw std::invalid_argument("Scaling::inverse: fitted on " + std::to_string(scale.size()) +
                                    " columns, got " + std::to_string(y.cols()));
    return (y.array().rowwise() * scale.array()).matrix().rowwise() + offset;
}

void check_scaling(const Scaling& yours, const RowMatrix& train) {
    Eigen::RowVectorXd offset, scale;  // lib's scaler of the same kind, fitted on train
    if (yours.kind == ScalingKind::MinMax) {
        data::MinMaxScaler lib;
        lib.fit(train);
        offset = lib.offset(), scale = lib.scale();
    } else {
        data::StandardScaler lib;
        lib.fit(train);
        offset = lib.offset(), scale = lib.scale();
    }
    const auto cols = train.cols();
    if (yours.offset.size() != cols || yours.scale.size() != cols)
        throw std::logic_error("your " + to_string(yours.kind) + " scaler has " +
                               std::to_string(yours.offset.size()) + " offsets and " +
                               std::to_string(yours.scale.size()) + " scales; the data have " +
                               std::to_string(cols) + " columns");
    for (Eigen::Index j = 0; j < cols; ++j) {
        const bool offset_ok = close(yours.offset(j), offset(j), 1e-12);
        const bool scale_ok = close(yours.scale(j), scale(j), 1e-12);
        if (offset_ok && scale_ok) continue;
        std::string hint = " Was the scaler fitted on the training split only?";
        if (yours.kind == ScalingKind::MinMax) {
            // A wider range than the training rows' means other rows were included.
            if (yours.offset(j) < offset(j) || yours.offset(j) + yours.scale(j) > offset(j) + scale(j))
                hint =
                    " Your range is wider than the training split's: was the scaler fitted on more than the "
                    "training split?";
        } else if (offset_ok) {
            const double n = static_cast<double>(train.rows());
            if (close(yours.scale(j), scale(j) * std::sqrt(n / (n - 1.0)), 1e-9))
                hint = " That is the sample sd (divide by n - 1); use the population sd (divide by n).";
        }
        throw std::logic_error("your " + to_string(yours.kind) +
                               " scaler differs from lib's fitted on the training split, column " +
                               std::to_string(j + 1) + ": offset " + num(yours.offset(j)) + " (lib " +
                               num(offset(j)) + "), scale " + num(yours.scale(j)) + " (lib " + num(scale(j)) +
                               ")." + hint);
    }
}

void check_elbo(const Losses& yours, const nn::LossParts& lib, double beta, const Decoder& decoder) {
    // Nothing to compare once the numbers themselves are gone: that is divergence, not a bug.
    if (!std::isfinite(lib.recon) || !std::isfinite(lib.kl))
        diverged("in lib's forward pass", std::isfinite(lib.recon) ? lib.kl : lib.recon);
    const double recon = lib.recon * decoder.recon_weight();
    struct Term {
        const char* name;
        double got, expected;
    };
    const Term terms[] = {{"reconstruction term", yours.recon, recon},
                          {"KL term", yours.kl, lib.kl},
                          {"total (recon + beta * KL)", yours.total, recon + beta * lib.kl}};
    for (const Term& t : terms) {
        if (close(t.got, t.expected, 1e-9)) continue;
        throw std::logic_error("your negative_elbo's " + std::string(t.name) + " is " + num(t.got) +
                               " where lib's forward pass gives " + num(t.expected) +
                               " (beta = " + num(beta) + ", " + decoder.describe() + " decoder)");
    }
}

void History::add_batch(const Losses& batch) {
    ++batches_;
    if (!std::isfinite(batch.total))
        diverged("in training batch " + std::to_string(batches_) + " (epoch " +
                     std::to_string(epochs_.size() + 1) + ")",
                 batch.total);
    min_batch_total_ = std::min(min_batch_total_, batch.total);
}

void History::add_epoch(const Losses& train, const Losses& test) {
    const std::string where = "in epoch " + std::to_string(epochs_.size() + 1);
    for (double v : {train.recon, train.kl, train.total})
        if (!std::isfinite(v)) diverged(where + " (training split)", v);
    for (double v : {test.recon, test.kl, test.total})
        if (!std::isfinite(v)) diverged(where + " (test split)", v);
    epochs_.push_back({train, test});
}

const EpochLosses& History::last() const {
    if (epochs_.empty()) throw std::logic_error("History::last: no epoch recorded");
    return epochs_.back();
}

}  // namespace vae::tabular
