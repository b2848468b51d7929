#include <algorithm>
#include <string>
#include <vector>

#include "ex07/embeddings.hpp"
#include "ex07/experiment.hpp"
#include "ex07/latent.hpp"
#include "ex07/latent_pictures.hpp"
#include "ex07/latent_usage.hpp"
#include "ex07/likelihood_report.hpp"
#include "ex07/manifold.hpp"
#include "ex07/plots.hpp"
#include "vae/format.hpp"
#include "vae/nn/evaluate.hpp"
#include "vae/plot_helpers.hpp"
#include "vae/rng.hpp"

namespace vae::mnist {

void Experiment::draw_plots(Report& r) const {
    const Settings& s = settings_;
    const std::string dir = options_.plot_dir();
    const auto path = [&](const std::string& what) {
        return plot::png_path(dir, "exercise7_" + s.tag() + "_" + what);
    };
    const std::string who = s.dataset_name() + ", " + s.arch;
    std::vector<std::string> written;
    const auto keep = [&](bool ok, const std::string& p) {
        if (ok) written.push_back(p);
    };

    if (!history_.empty())
        keep(plot_loss_curves(history_,
                              "Exercise 7: training on " + who + " (beta " + s.schedule().describe() + ")",
                              path("loss")),
             path("loss"));

    const Images& test = data_.test_x;
    const int per_row = static_cast<int>(std::min<Eigen::Index>(12, test.rows()));
    const int shown = per_row * static_cast<int>(std::min<Eigen::Index>(2, test.rows() / per_row));
    const Images originals = test.topRows(shown);
    keep(plot_reconstructions(
             originals, nn::reconstruct(model_, originals), per_row,
             "Exercise 7: test images (odd rows) and their reconstructions through mu (even rows), " + who,
             path("reconstructions")),
         path("reconstructions"));

    Rng rng(s.seed, Stream::Sample);
    nn::RowMatrix<float> z(100, s.latent);
    for (Eigen::Index i = 0; i < z.size(); ++i) z.data()[i] = float(rng.normal());
    keep(plot_image_grid(nn::decode(model_, z), 10, "Exercise 7: 100 images decoded from z ~ N(0, I), " + who,
                         path("samples")),
         path("samples"));

    const LatentPlane after = latent_plane(test_mu_);
    keep(
        plot_latent(after.xy, data_.test_labels, data_.class_names, after.xlabel, after.ylabel,
                    "Exercise 7: encoder means mu of " + std::to_string(test.rows()) + " test images, " + who,
                    path("latent")),
        path("latent"));

    const ManifoldGrid grid = manifold_grid(test_mu_, 20);
    keep(plot_image_grid(nn::decode(model_, grid.z), 20, "Exercise 7: the decoder over " + grid.where,
                         path("manifold")),
         path("manifold"));

    if (mu_before_.rows() > 0) {
        const LatentPlane before = latent_plane(mu_before_);
        LatentSnapshot b{"before training", before.xy, before.xlabel, before.ylabel, mu_before_};
        LatentSnapshot a{"after training", after.xy, after.xlabel, after.ylabel, test_mu_};
        keep(plot_latent_before_after(b, a, data_.test_labels, data_.class_names,
                                      "Exercise 7: the latent distribution before and after training, " + who,
                                      path("latent_before_after")),
             path("latent_before_after"));
    }

    keep(plot_confusion(confusion_, data_.class_names,
                        "Exercise 7: k-means clusters of the test mu matched to labels, accuracy " +
                            fixed(100.0 * matching_.accuracy, 1) + "%, " + who,
                        path("clusters")),
         path("clusters"));

    keep(plot_likelihood(likelihood_,
                         "Exercise 7: importance-weighted -log p(x) on " +
                             std::to_string(likelihood_.images) + " test images against K, " + who,
                         path("likelihood")),
         path("likelihood"));
    keep(plot_kl_per_dimension(kl_per_dim_,
                               "Exercise 7: mean KL of each latent dimension, test images, " + who,
                               path("kl_per_dimension")),
         path("kl_per_dimension"));
    std::string more = "likelihood,kl_per_dimension";

    // A 2-D latent is already shown whole by the latent plot and the manifold.
    if (s.latent > 2) {
        keep(plot_traversals(model_, kl_per_dim_, traversal_values(),
                             "Exercise 7: each latent dimension from -3 to 3, the others 0, " + who,
                             path("traversals")),
             path("traversals"));
        // Pairs a good decoder should bend between through other digits' shapes, not fade.
        const auto pairs = first_of_classes(data_.test_labels, {{1, 7}, {3, 8}, {4, 9}, {0, 6}, {2, 5}});
        keep(plot_interpolations(model_, test, pairs, 10,
                                 "Exercise 7: decoded straight lines between test mu (upper rows) and pixel "
                                 "cross-fades (lower rows), " +
                                     who,
                                 path("interpolations")),
             path("interpolations"));

        const std::vector<Eigen::Index> rows = seeded_subset(test_mu_.rows(), s.tsne_images, s.seed);
        analysis::Matrix mu(Eigen::Index(rows.size()), test_mu_.cols());
        analysis::Labels labels;
        for (std::size_t i = 0; i < rows.size(); ++i) {
            mu.row(Eigen::Index(i)) = test_mu_.row(rows[i]);
            labels.push_back(data_.test_labels[std::size_t(rows[i])]);
        }
        const Embeddings e = embed_latent(mu, labels);
        add_embeddings(r, e);
        keep(plot_embeddings(e, data_.class_names,
                             "Exercise 7: t-SNE and PCA maps of mu, " + std::to_string(mu.rows()) +
                                 " test images, " + who,
                             path("tsne")),
             path("tsne"));
        more += ",traversals,interpolations,tsne";
    }

    if (!written.empty()) {
        r.note("Plots: " + dir + "/exercise7_" + s.tag() +
               "_{loss,reconstructions,samples,latent,manifold,"
               "latent_before_after,clusters," +
               more + "}.png" +
               (trained_here_ && !s.no_animation
                    ? ", the training as it went: exercise7_" + s.tag() + "_training.gif"
                    : ""));
    }
    if (trained_here_)
        r.note("Model: " + checkpoint_path() + " (redraw with --from-checkpoint); log: " + log_path());
}

}  // namespace vae::mnist
