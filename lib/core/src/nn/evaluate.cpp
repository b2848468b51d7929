#include "vae/nn/evaluate.hpp"

#include <algorithm>
#include <stdexcept>

namespace vae::nn {

namespace {
void check_batch_size(int batch_size, const char* what) {
    if (batch_size < 1) throw std::invalid_argument(std::string(what) + ": batch size must be >= 1");
}
}  // namespace

template <class S>
LossParts evaluate(const Model<S>& model, const BatchArg<S>& x, std::uint64_t eps_seed, int batch_size,
                   Workspace<S>& ws) {
    check_batch_size(batch_size, "evaluate");
    if (x.rows() < 1) throw std::invalid_argument("evaluate: no samples");
    Rng rng(eps_seed, Stream::Noise);
    double recon = 0.0, kl = 0.0;
    for (Eigen::Index start = 0; start < x.rows(); start += batch_size) {
        const Eigen::Index rows = std::min<Eigen::Index>(batch_size, x.rows() - start);
        const LossParts p = model.forward(x.middleRows(start, rows), rng, ws);
        recon += p.recon * rows;  // back to sums, so unequal batches weigh by their size
        kl += p.kl * rows;
    }
    return {recon / x.rows(), kl / x.rows()};
}

template <class S>
LossParts evaluate(const Model<S>& model, const BatchArg<S>& x, std::uint64_t eps_seed, int batch_size) {
    Workspace<S> ws;
    return evaluate(model, x, eps_seed, batch_size, ws);
}

template <class S>
RowMatrix<S> encode(const Model<S>& model, const BatchArg<S>& x, int batch_size) {
    check_batch_size(batch_size, "encode");
    RowMatrix<S> mu(x.rows(), model.latent_dim());
    Workspace<S> ws;
    for (Eigen::Index start = 0; start < x.rows(); start += batch_size) {
        const Eigen::Index rows = std::min<Eigen::Index>(batch_size, x.rows() - start);
        model.encode(x.middleRows(start, rows), ws);
        mu.middleRows(start, rows) = ws.mu();
    }
    return mu;
}

template <class S>
RowMatrix<S> decode(const Model<S>& model, const BatchArg<S>& z, int batch_size) {
    check_batch_size(batch_size, "decode");
    RowMatrix<S> means(z.rows(), model.input_dim());
    Workspace<S> ws;
    for (Eigen::Index start = 0; start < z.rows(); start += batch_size) {
        const Eigen::Index rows = std::min<Eigen::Index>(batch_size, z.rows() - start);
        model.decode(z.middleRows(start, rows), ws);
        if (model.spec().likelihood == Likelihood::Bernoulli)
            means.middleRows(start, rows) = ws.logits().array().logistic().matrix();
        else
            means.middleRows(start, rows) = ws.logits();
    }
    return means;
}

template <class S>
RowMatrix<S> reconstruct(const Model<S>& model, const BatchArg<S>& x, int batch_size) {
    return decode(model, encode(model, x, batch_size), batch_size);
}

#define VAE_NN_INSTANTIATE(S)                                                                               \
    template LossParts evaluate<S>(const Model<S>&, const BatchArg<S>&, std::uint64_t, int, Workspace<S>&); \
    template LossParts evaluate<S>(const Model<S>&, const BatchArg<S>&, std::uint64_t, int);                \
    template RowMatrix<S> encode<S>(const Model<S>&, const BatchArg<S>&, int);                              \
    template RowMatrix<S> decode<S>(const Model<S>&, const BatchArg<S>&, int);                              \
    template RowMatrix<S> reconstruct<S>(const Model<S>&, const BatchArg<S>&, int);
VAE_NN_INSTANTIATE(float)
VAE_NN_INSTANTIATE(double)
#undef VAE_NN_INSTANTIATE

}  // namespace vae::nn
