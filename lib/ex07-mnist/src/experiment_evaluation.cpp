#include "ex07/experiment.hpp"
#include "ex07/latent.hpp"
#include "ex07/latent_usage.hpp"
#include "ex07/likelihood_report.hpp"
#include "vae/analysis/kmeans.hpp"
#include "vae/analysis/latent.hpp"

namespace vae::mnist {

Elbo Experiment::evaluate(const ElboFunction& yours, const LogMeanExpFunction& log_mean_exp) {
    test_ = test_elbo(model_, data_.test_x, settings_.seed, yours);
    recon_floor_ = bernoulli_recon_floor(data_.test_x);
    test_mu_ = encode_means(model_, data_.test_x);
    const Posteriors posteriors = encode_posteriors(model_, data_.test_x);
    kl_per_dim_ = analysis::mean_kl_per_dimension(posteriors.mu, posteriors.logvar);
    // Always, --no-plots too: the estimate is a number of the report, and the default 500
    // images keep it to a few seconds even in the golden run.
    likelihood_ = estimate_likelihood(model_, data_.test_x, settings_.iw_images, settings_.iw_samples,
                                      settings_.seed, log_mean_exp);
    evaluated_ = true;
    return test_;
}

void Experiment::add_clustering(const analysis::Labels& clusters, const analysis::ClusterMatching& matching) {
    inertia_ = check_kmeans(test_mu_, clusters, kClusters);
    check_matching(matching, clusters, data_.test_labels, kClusters);
    clusters_ = clusters;
    matching_ = matching;
    confusion_ = analysis::confusion_matrix(data_.test_labels, analysis::apply_matching(clusters, matching),
                                            kClusters);
    // lib's k-means from the same seeding, for comparison.
    analysis::KMeansOptions o;
    o.k = kClusters;
    o.seed = settings_.seed;
    const analysis::KMeansResult lib = analysis::kmeans(test_mu_, o);
    lib_inertia_ = lib.inertia;
    lib_accuracy_ =
        analysis::match_clusters(lib.assignments, data_.test_labels, kClusters, kClusters).accuracy;
    same_as_lib_ = lib.assignments == clusters;
    clustered_ = true;
}

}  // namespace vae::mnist
