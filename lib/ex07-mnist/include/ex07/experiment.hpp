#pragma once
// Exercise 7's bookkeeping: it loads the data, trains the model with lib (or loads the saved
// one), takes the exercise's own pieces (schedule, ELBO, clustering) through their checks,
// and at the end fills the report and draws the plots.
//
// One file per stage (lib/ex07-mnist/src):
//   experiment.cpp             loading, and the checks before training
//   experiment_training.cpp    train(): training, or loading the saved run (run_files.hpp)
//   experiment_evaluation.cpp  evaluate(), add_clustering(): the test -ELBO, mu, the
//                              importance-weighted -log p(x), the KL per dimension, k-means
//   experiment_report.cpp      finish(): the report's numbers, tolerances and notes
//   experiment_plots.cpp       the plots (latent.hpp, manifold.hpp, plots.hpp)
#include <string>
#include <vector>

#include "ex07/checks.hpp"
#include "ex07/data.hpp"
#include "ex07/likelihood_report.hpp"
#include "ex07/run_files.hpp"
#include "ex07/settings.hpp"
#include "vae/analysis/matching.hpp"
#include "vae/analysis/matrix.hpp"
#include "vae/nn/train.hpp"
#include "vae/options.hpp"
#include "vae/report.hpp"

namespace vae::mnist {

class Experiment {
public:
    // Loads the data set the settings name. Throws MissingData (with the command that fetches
    // it) when the data are not on this machine.
    Experiment(std::string title, const Options& options, Settings settings);

    const Settings& settings() const { return settings_; }
    const Data& data() const { return data_; }

    // Runs the exercise's five functions once on the untrained model, with the checks below,
    // before the long part (training) starts: a TODO or a slip shows at once, not after the
    // last epoch. The schedule against lib's (check_schedule); the ELBO on the first 500 test
    // images (test_elbo); k-means and the matching on the first 1000 test images' mu
    // (check_kmeans, check_matching); the log-mean-exp on hand cases (check_log_mean_exp).
    void check_before_training(const BetaFunction& schedule, const ElboFunction& elbo,
                               const KMeansFunction& kmeans, const MatchingFunction& matching,
                               const LogMeanExpFunction& log_mean_exp) const;

    // Trains the model with nn::train: the per-epoch table as it trains (on stderr with
    // --csv), the CSV log and the checkpoint in the runs folder (unless --no-plots), both
    // named by Settings::run_id(), and the training GIF (unless --no-plots or --no-animation).
    // With --from-checkpoint it loads the model and log saved by a run with the same settings
    // instead, and refuses (InputError) when there is none.
    // A run that diverges (NumericError, also for a NaN or infinite test loss) leaves no
    // checkpoint and no log for its settings, not even older ones.
    void train();
    const Model& model() const { return model_; }
    const std::vector<nn::EpochStats>& history() const { return history_; }

    // The test set's negative ELBO by the exercise's function (test_elbo: each batch checked
    // against lib's forward pass), the encoder means of the test images, the KL of each
    // latent dimension, and the importance-weighted -log p(x) on up to --iw-images of them with
    // --iw-samples codes each (the defaults, 500 and 1000, cost ~5 s CPU).
    // Each image's log p_K(x) in that estimate is the exercise's log_mean_exp of its weights
    // (checked_log_mean_exp).
    Elbo evaluate(const ElboFunction& yours, const LogMeanExpFunction& log_mean_exp);
    // The test images' encoder means mu (rows = test images, double precision). evaluate()
    // fills it.
    const analysis::Matrix& test_mu() const { return test_mu_; }
    const analysis::Labels& test_labels() const { return data_.test_labels; }

    // Checks the exercise's k-means result and its matching (check_kmeans, check_matching),
    // and keeps the confusion matrix they give.
    void add_clustering(const analysis::Labels& clusters, const analysis::ClusterMatching& matching);

    // The report; the plots when options.plots().
    Report finish() const;

    // Where the run's files go: runs/ beside the plot folder (vae::runs_dir).
    const std::string& checkpoint_path() const { return files_.checkpoint; }
    const std::string& log_path() const { return files_.log; }

private:
    void draw_plots(Report& report) const;

    std::string title_;
    Options options_;
    Settings settings_;
    RunFiles files_;
    Data data_;
    Model model_;
    analysis::Matrix mu_before_;  // test-image means of the untrained model (for the plots)
    std::vector<nn::EpochStats> history_;
    bool trained_here_ = false;
    long train_images_ = 0;

    bool evaluated_ = false;
    Elbo test_;
    double recon_floor_ = 0.0;
    analysis::Matrix test_mu_;
    LikelihoodEstimates likelihood_;  // on a seeded subset of the test images
    analysis::Vector kl_per_dim_;     // mean KL of each latent dimension over the test images

    bool clustered_ = false;
    analysis::Labels clusters_;
    analysis::ClusterMatching matching_;
    double inertia_ = 0.0;
    double lib_inertia_ = 0.0, lib_accuracy_ = 0.0;
    bool same_as_lib_ = false;
    analysis::CountMatrix confusion_;
};

}  // namespace vae::mnist
