#include "ex06/anomaly.hpp"

#include <stdexcept>

#include "vae/analysis/roc.hpp"
#include "vae/loss.hpp"
#include "vae/nn/evaluate.hpp"
#include "vae/rng.hpp"

namespace vae::tabular {
namespace {

std::vector<std::size_t> rows_where(const std::vector<int>& labels, bool want_held_out, int held_out) {
    std::vector<std::size_t> rows;
    for (std::size_t i = 0; i < labels.size(); ++i)
        if ((labels[i] == held_out) == want_held_out) rows.push_back(i);
    return rows;
}

RowMatrix stack(const RowMatrix& top, const RowMatrix& bottom) {
    RowMatrix out(top.rows() + bottom.rows(), top.cols());
    out << top, bottom;
    return out;
}

RowMatrix scaled(const Scaling& s, const RowMatrix& x) {
    return (x.rowwise() - s.offset).array().rowwise() / s.scale.array();
}

}  // namespace

std::vector<AnomalySplit> anomaly_splits(const Dataset& d) {
    std::vector<AnomalySplit> splits;
    for (int k = 0; k < d.train.class_count(); ++k) {
        AnomalySplit s;
        s.held_out = k;
        s.class_name = d.train.class_names[static_cast<std::size_t>(k)];
        s.train = data::select_rows(d.train.features, rows_where(d.train.labels, false, k));
        s.normal = data::select_rows(d.test.features, rows_where(d.test.labels, false, k));
        s.anomalous = stack(data::select_rows(d.train.features, rows_where(d.train.labels, true, k)),
                            data::select_rows(d.test.features, rows_where(d.test.labels, true, k)));
        splits.push_back(std::move(s));
    }
    return splits;
}

Eigen::VectorXd reconstruction_error(const nn::Model<double>& model, const RowMatrix& x) {
    return (nn::reconstruct(model, x) - x).rowwise().squaredNorm();
}

Eigen::VectorXd negative_elbo_per_row(const nn::Model<double>& model, const RowMatrix& x,
                                      const Decoder& decoder, int samples, std::uint64_t seed) {
    if (samples < 1) throw std::invalid_argument("negative_elbo_per_row: samples must be at least 1");
    if (!model.variational()) throw std::invalid_argument("negative_elbo_per_row: the model has no ELBO");
    Rng noise(seed, Stream::Noise);
    nn::Workspace<double> ws;
    Eigen::VectorXd sum = Eigen::VectorXd::Zero(x.rows());
    for (int k = 0; k < samples; ++k) {
        model.forward(x, noise, ws);  // z = mu + sigma eps, decoded into ws.logits()
        const auto l = ws.logits().array();
        const auto xa = x.array();
        if (decoder.likelihood == nn::Likelihood::Bernoulli)
            sum += (l.max(0.0) - l * xa + (-l.abs()).exp().log1p()).matrix().rowwise().sum();
        else
            sum += ((xa - l).square() / (2.0 * decoder.sigma * decoder.sigma)).matrix().rowwise().sum();
        // KL_i = 1/2 sum_k (sigma^2 + mu^2 - log sigma^2 - 1): the same for every draw.
        sum += kl_per_point(ws.mu(), ws.logvar());
    }
    return sum / static_cast<double>(samples);
}

AnomalyResult score_anomalies(const AnomalySplit& split, const Scaling& scaling,
                              const nn::Model<double>& model, const Decoder& decoder, std::uint64_t seed) {
    const RowMatrix normal = scaled(scaling, split.normal), anomalous = scaled(scaling, split.anomalous);
    AnomalyResult r;
    r.held_out = split.held_out;
    r.class_name = split.class_name;
    r.normal_recon = reconstruction_error(model, normal);
    r.anomalous_recon = reconstruction_error(model, anomalous);
    r.normal_elbo = negative_elbo_per_row(model, normal, decoder, kElboSamples, seed);
    r.anomalous_elbo = negative_elbo_per_row(model, anomalous, decoder, kElboSamples, seed);
    r.auc_recon = analysis::roc_auc(r.normal_recon, r.anomalous_recon);
    r.auc_elbo = analysis::roc_auc(r.normal_elbo, r.anomalous_elbo);
    return r;
}

}  // namespace vae::tabular
