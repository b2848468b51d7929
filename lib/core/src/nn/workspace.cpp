#include "vae/nn/workspace.hpp"

#include <algorithm>

#include "parallel.hpp"
#include "vae/nn/model.hpp"

namespace vae::nn {

template <class S>
void Workspace<S>::prepare(const Model<S>& model, int rows) {
    // Compared in place: this runs for every batch and must not allocate.
    const std::vector<DenseShape>& layers = model.layers();
    int widest = 0;
    bool same_widths = layers.size() == widths_.size();
    for (std::size_t l = 0; l < layers.size(); ++l) {
        widest = std::max({widest, layers[l].in, layers[l].out});
        same_widths = same_widths && layers[l].out == widths_[l];
    }
    const bool same_model = same_widths && latent_ == model.latent_dim() &&
                            variational_ == model.variational() && widest == widest_ &&
                            recon_grad_.size() >= Eigen::Index(capacity_) * model.input_dim();
    if (!same_model || rows > capacity_) {
        // Grow (or re-shape for another model). Only here does a workspace allocate.
        capacity_ = same_model ? std::max(rows, capacity_) : rows;
        widths_.clear();
        for (const DenseShape& layer : layers) widths_.push_back(layer.out);
        widest_ = widest;
        latent_ = model.latent_dim();
        head_ = model.head_layer();
        variational_ = model.variational();
        const Eigen::Index cap = capacity_;
        outputs_.resize(widths_.size());
        for (std::size_t l = 0; l < widths_.size(); ++l) outputs_[l].resize(cap * widths_[l]);
        z_.resize(cap * latent_);
        eps_ = Vector<S>::Zero(cap * latent_);  // stays 0 in autoencoder mode
        recon_grad_.resize(cap * model.input_dim());
        delta_a_.resize(cap * widest_);
        delta_b_.resize(cap * widest_);
    }
    rows_ = rows;
    forward_done_ = false;

    // The loss is summed part by part, so the number of parts is part of the numbers: it is
    // fixed (kDefaultParts), never taken from the core count. (The products' parts follow
    // their width instead, model.cpp; how they are split changes no bit.)
    parts_ = requested_parts_ > 0 ? requested_parts_ : kDefaultParts;
    // Packing space is per thread: a product may have more parts than there are threads.
    const int threads = detail::available_threads();
    if (int(gemm_scratch_.size()) < threads) gemm_scratch_.resize(threads);
    if (int(part_sums_.size()) < parts_) part_sums_.resize(parts_);
}

template <class S>
ConstMatrixMap<S> Workspace<S>::output(int layer) const {
    return ConstMatrixMap<S>(outputs_.at(layer).data(), rows_, widths_.at(layer));
}

template <class S>
ConstMatrixMap<S> Workspace<S>::z() const {
    return ConstMatrixMap<S>(z_.data(), rows_, latent_);
}

template <class S>
ConstMatrixMap<S> Workspace<S>::eps() const {
    return ConstMatrixMap<S>(eps_.data(), rows_, latent_);
}

template <class S>
ConstStridedMap<S> Workspace<S>::mu() const {
    return ConstStridedMap<S>(outputs_.at(head_).data(), rows_, latent_,
                              Eigen::OuterStride<>(widths_.at(head_)));
}

template <class S>
ConstStridedMap<S> Workspace<S>::logvar() const {
    return ConstStridedMap<S>(outputs_.at(head_).data() + latent_, rows_, latent_,
                              Eigen::OuterStride<>(widths_.at(head_)));
}

template <class S>
ConstMatrixMap<S> Workspace<S>::logits() const {
    return output(static_cast<int>(widths_.size()) - 1);
}

template <class S>
ConstMatrixMap<S> Workspace<S>::recon_gradient() const {
    return ConstMatrixMap<S>(recon_grad_.data(), rows_, widths_.back());
}

template class Workspace<float>;
template class Workspace<double>;

}  // namespace vae::nn
