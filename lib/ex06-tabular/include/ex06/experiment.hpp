#pragma once
// Exercise 6's bookkeeping: it takes each trained model, measures what the exercise reports
// (losses, active latent dimensions, how well mu separates the classes, collapse), and at
// the end prints the table and notes and draws the plots.
#include <chrono>
#include <string>
#include <vector>

#include "ex06/anomaly.hpp"
#include "ex06/dataset.hpp"
#include "ex06/generation.hpp"
#include "ex06/settings.hpp"
#include "ex06/training.hpp"
#include "vae/nn/model.hpp"
#include "vae/options.hpp"
#include "vae/report.hpp"

namespace vae::tabular {

// A run counts as collapsed when both hold (the exercise's "KL ~ 0 and mu nearly constant"):
//   the training KL is below kCollapseKl nats per sample, so z carries almost no
//   information about x; and every Var_x(mu_j) is below kCollapseSpread, so the encoder
//   sends every input to about the same point (the prior's spread is 1).
inline constexpr double kCollapseKl = 0.1;
inline constexpr double kCollapseSpread = 0.05;
bool is_collapsed(double train_kl, const Eigen::VectorXd& mu_variance);

// Root mean square of (reconstruction - original) over every entry, each column divided by
// its standard deviation `sd` (> 0): 0 is perfect, about 1 is no better than the mean.
double rms_in_sd_units(const RowMatrix& original, const RowMatrix& reconstruction,
                       const Eigen::RowVectorXd& sd);

// One model of the main comparison, analysed.
struct RunResult {
    double beta = 1.0;
    History history;
    RowMatrix mu_train, mu_test;    // encoder means
    RowMatrix reconstruction_test;  // decoder mean of mu(x) for each test row, scaled units
    Eigen::VectorXd mu_variance;    // Var over the training split of each mu_j
    Eigen::VectorXd kl_per_dim;     // training KL of each latent dimension
    int active = 0;                 // dimensions with Var(mu_j) > 0.01
    double knn_accuracy = 0.0;      // 5-NN on mu: fitted on train, scored on test
    double silhouette = 0.0;        // of the test mu, grouped by class
    double test_rms_sd = 0.0;       // test reconstruction error, rms_in_sd_units in data units
    bool collapsed = false;
    RowMatrix generated;       // kGeneratedRows rows from the prior, data units (generate_rows)
    RowComparison generation;  // generated against the test rows
};

// The three short runs of the scaling lesson.
struct DemoVariant {
    std::string id;     // in quantity names: "standard_bernoulli"
    std::string label;  // for people: "standard scaling + BCE"
    ScalingKind scaling;
    Decoder decoder;
};
// standard + Bernoulli (the broken one), min-max + Bernoulli and standard + Gaussian
// (sigma = 0.5 sd, about the share of a feature's spread that sigma = 0.1 is of [0, 1]).
std::vector<DemoVariant> scaling_lesson();
// The settings of a lesson run: the exercise's network, the variant's decoder, demo_epochs.
Settings demo_settings(const Settings& settings, const DemoVariant& variant);

struct DemoResult {
    DemoVariant variant;
    History history;
    double test_rms_sd = 0.0;     // test reconstruction error, rms_in_sd_units in the data's units
    Eigen::VectorXd mu_variance;  // Var over the training split of each mu_j
    bool collapsed = false;
};

struct DatasetResult {
    Dataset data;
    Scaling scaling;
    RowMatrix train, test;  // scaled
    std::vector<RunResult> runs;
    std::vector<DemoResult> demos;
    // The training rows against the test rows, as generated rows are compared: how far apart
    // two real samples of this size already are.
    RowComparison train_vs_test;
    std::vector<AnomalyResult> anomalies;  // one per held-out class
};

class Experiment {
public:
    Experiment(std::string title, const Options& options, Settings settings);

    // Starts a data set. Checks the exercise's scaler against lib's fitted on the training
    // split (check_scaling) and keeps the scaled splits for the runs that follow.
    void begin_dataset(const Dataset& data, const Scaling& scaling, const RowMatrix& train,
                       const RowMatrix& test);
    // Analyses a trained model of the main comparison, and generates rows from its prior.
    void add_run(double beta, const nn::Model<double>& model, const History& history);
    // Analyses a run of the scaling lesson (its scaler is checked too).
    void add_demo(const DemoVariant& variant, const Scaling& scaling, const nn::Model<double>& model,
                  const History& history);
    // Scores a vanilla VAE trained on split.train (scaled by `scaling`, which is checked
    // against lib's fitted on split.train) for anomaly detection.
    void add_anomaly(const AnomalySplit& split, const Scaling& scaling, const nn::Model<double>& model,
                     const History& history);

    // The report (quantities and notes), and the plots when options.plots().
    Report finish() const;

    const std::vector<DatasetResult>& results() const { return results_; }

private:
    DatasetResult& current();

    std::string title_;
    Options options_;
    Settings settings_;
    std::vector<DatasetResult> results_;
    std::chrono::steady_clock::time_point start_;
};

}  // namespace vae::tabular
