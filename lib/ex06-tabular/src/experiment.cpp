#include "ex06/experiment.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "anomaly_report.hpp"
#include "gaussian_nll_report.hpp"
#include "generation_report.hpp"
#include "notes.hpp"
#include "plots.hpp"
#include "tolerance.hpp"
#include "vae/analysis/latent.hpp"
#include "vae/analysis/neighbours.hpp"
#include "vae/analysis/pca.hpp"
#include "vae/data/scaling.hpp"
#include "vae/nn/evaluate.hpp"

namespace vae::tabular {
namespace {

constexpr int kNeighbours = 5;

// The skeleton's TODOs behind each quantity. A trained model's numbers go through all of them:
// the scaled data (6a), the loss it minimises and reports (6b) and the loop that trains it (6c).
const char* const kTrainedTodos = "6a-6c (fit_scaler, scale, negative_elbo, train_vae)";
const char* const kScalingTodos = "6a (fit_scaler, scale)";

RowMatrix scale_with(const Scaling& s, const RowMatrix& x) {
    return (x.rowwise() - s.offset).array().rowwise() / s.scale.array();
}

Eigen::RowVectorXd training_sd(const Dataset& d) {
    data::StandardScaler sd;
    sd.fit(d.train.features);
    return sd.scale();
}

void add_run_quantities(Report& r, const std::string& dataset, const RunResult& run) {
    const std::string id = dataset + ".beta" + beta_label(run.beta) + ".";
    const std::string who = dataset + ", " + notes::model_name(run.beta) + ": ";
    const EpochLosses& last = run.history.last();
    r.add(id + "train_recon", last.train.recon, who + "final training reconstruction term (nats/sample)",
          kGoldenTolerance);
    r.add(id + "train_kl", last.train.kl, who + "final training KL (nats/sample)", kGoldenTolerance);
    r.add(id + "train_total", last.train.total, who + "final training loss, recon + beta KL",
          kGoldenTolerance);
    r.add(id + "test_recon", last.test.recon, who + "test reconstruction term", kGoldenTolerance);
    r.add(id + "test_kl", last.test.kl, who + "test KL", kGoldenTolerance);
    r.add(id + "test_total", last.test.total, who + "test loss, recon + beta KL", kGoldenTolerance);
    r.add(id + "active_dims", run.active, who + "latent dimensions with Var(mu_j) > 0.01", 0.0);
    r.add(id + "knn_accuracy", run.knn_accuracy,
          who + "5-NN accuracy of test mu (labels never seen in training)", kGoldenTolerance);
    r.add(id + "silhouette", run.silhouette, who + "silhouette of test mu grouped by class",
          kGoldenTolerance);
    r.add(id + "test_rms_sd", run.test_rms_sd, who + "test reconstruction error, rms in feature sd units",
          kGoldenTolerance);
    r.depends_on(id, kTrainedTodos);
}

// The same two class-separation measures for a linear 2-D map of the data: PCA fitted on the
// scaled training rows. It tells whether the VAE's 2-D code separates classes better or worse
// than the simplest projection.
void add_pca_baseline(Report& r, const DatasetResult& d) {
    const analysis::Pca pca = analysis::fit_pca(d.train, 2);
    const RowMatrix p_train = pca.transform(d.train), p_test = pca.transform(d.test);
    const std::string id = d.data.name + ".pca2.";
    r.add(id + "knn_accuracy",
          analysis::knn_accuracy(p_train, d.data.train.labels, p_test, d.data.test.labels, kNeighbours),
          d.data.name + ": for comparison, 5-NN accuracy on the first 2 principal components",
          kGoldenTolerance);
    r.add(id + "silhouette", analysis::silhouette_score(p_test, d.data.test.labels),
          d.data.name + ": for comparison, silhouette on the first 2 principal components", kGoldenTolerance);
    r.depends_on(id, kScalingTodos);  // PCA of the student's scaled rows: no training involved
}

void add_demo_quantities(Report& r, const std::string& dataset, const DemoResult& demo) {
    const std::string id = dataset + ".lesson." + demo.variant.id + ".";
    const std::string who = dataset + ", " + demo.variant.label + ": ";
    r.add(id + "min_batch_loss", demo.history.min_batch_total(), who + "lowest training-batch loss",
          kGoldenTolerance);
    r.add(id + "final_train_loss", demo.history.last().train.total, who + "final training loss",
          kGoldenTolerance);
    r.add(id + "final_train_kl", demo.history.last().train.kl, who + "final training KL", kGoldenTolerance);
    r.add(id + "test_rms_sd", demo.test_rms_sd, who + "test reconstruction error, rms in feature sd units",
          kGoldenTolerance);
    r.depends_on(id, kTrainedTodos);
}

}  // namespace

bool is_collapsed(double train_kl, const Eigen::VectorXd& mu_variance) {
    return train_kl < kCollapseKl && (mu_variance.size() == 0 || mu_variance.maxCoeff() < kCollapseSpread);
}

double rms_in_sd_units(const RowMatrix& original, const RowMatrix& reconstruction,
                       const Eigen::RowVectorXd& sd) {
    if (original.rows() != reconstruction.rows() || original.cols() != reconstruction.cols() ||
        sd.size() != original.cols())
        throw std::invalid_argument("rms_in_sd_units: the shapes differ");
    if (original.size() == 0) throw std::invalid_argument("rms_in_sd_units: no data");
    const RowMatrix z = (reconstruction - original).array().rowwise() / sd.array();
    return std::sqrt(z.squaredNorm() / static_cast<double>(z.size()));
}

std::vector<DemoVariant> scaling_lesson() {
    Decoder bce{nn::Likelihood::Bernoulli, 1.0};
    Decoder gaussian{nn::Likelihood::Gaussian, 0.5};
    return {{"standard_bernoulli", "standard scaling + BCE", ScalingKind::Standard, bce},
            {"minmax_bernoulli", "min-max scaling + BCE", ScalingKind::MinMax, bce},
            {"standard_gaussian", "standard scaling + Gaussian", ScalingKind::Standard, gaussian}};
}

Settings demo_settings(const Settings& settings, const DemoVariant& variant) {
    Settings s = settings;
    s.scaling = variant.scaling;
    s.decoder = variant.decoder;
    s.epochs = settings.demo_epochs;
    return s;
}

Experiment::Experiment(std::string title, const Options& options, Settings settings)
    : title_(std::move(title)),
      options_(options),
      settings_(std::move(settings)),
      start_(std::chrono::steady_clock::now()) {}

DatasetResult& Experiment::current() {
    if (results_.empty()) throw std::logic_error("Experiment: begin_dataset() first");
    return results_.back();
}

void Experiment::begin_dataset(const Dataset& data, const Scaling& scaling, const RowMatrix& train,
                               const RowMatrix& test) {
    check_scaling(scaling, data.train.features);
    if (train.rows() != data.train.features.rows() || test.rows() != data.test.features.rows() ||
        train.cols() != data.features() || test.cols() != data.features())
        throw std::logic_error("Experiment: the scaled splits do not have the data set's shape");
    DatasetResult d;
    d.data = data;
    d.scaling = scaling;
    d.train = train;
    d.test = test;
    d.train_vs_test = compare_rows(data.test.features, data.train.features);
    results_.push_back(std::move(d));
}

void Experiment::add_run(double beta, const nn::Model<double>& model, const History& history) {
    DatasetResult& d = current();
    RunResult run;
    run.beta = beta;
    run.history = history;
    history.last();  // refuses a run without epochs

    nn::Workspace<double> ws;
    model.encode(d.train, ws);
    run.mu_train = ws.mu();
    const RowMatrix logvar_train = ws.logvar();
    run.mu_test = nn::encode(model, d.test);
    run.reconstruction_test = nn::reconstruct(model, d.test);

    run.mu_variance = analysis::latent_activity(run.mu_train);
    run.active = analysis::count_active(run.mu_train);
    run.kl_per_dim = analysis::mean_kl_per_dimension(run.mu_train, logvar_train);
    run.knn_accuracy = analysis::knn_accuracy(run.mu_train, d.data.train.labels, run.mu_test,
                                              d.data.test.labels, kNeighbours);
    run.silhouette = analysis::silhouette_score(run.mu_test, d.data.test.labels);
    run.test_rms_sd = rms_in_sd_units(d.data.test.features, d.scaling.inverse(run.reconstruction_test),
                                      training_sd(d.data));
    run.collapsed = is_collapsed(history.last().train.kl, run.mu_variance);
    run.generated = generate_rows(model, d.scaling, settings_.decoder, kGeneratedRows, settings_.seed);
    run.generation = compare_rows(d.data.test.features, run.generated);
    d.runs.push_back(std::move(run));
}

void Experiment::add_demo(const DemoVariant& variant, const Scaling& scaling, const nn::Model<double>& model,
                          const History& history) {
    DatasetResult& d = current();
    if (scaling.kind != variant.scaling)
        throw std::logic_error("Experiment::add_demo: the scaler is " + to_string(scaling.kind) +
                               ", the lesson run wants " + to_string(variant.scaling));
    check_scaling(scaling, d.data.train.features);
    DemoResult demo;
    demo.variant = variant;
    demo.history = history;
    history.last();
    const RowMatrix reconstruction =
        scaling.inverse(nn::reconstruct(model, scale_with(scaling, d.data.test.features)));
    demo.test_rms_sd = rms_in_sd_units(d.data.test.features, reconstruction, training_sd(d.data));
    demo.mu_variance =
        analysis::latent_activity(nn::encode(model, scale_with(scaling, d.data.train.features)));
    demo.collapsed = is_collapsed(history.last().train.kl, demo.mu_variance);
    d.demos.push_back(std::move(demo));
}

void Experiment::add_anomaly(const AnomalySplit& split, const Scaling& scaling,
                             const nn::Model<double>& model, const History& history) {
    DatasetResult& d = current();
    check_scaling(scaling, split.train);
    history.last();  // refuses a model that was never trained
    d.anomalies.push_back(score_anomalies(split, scaling, model, settings_.decoder, settings_.seed));
}

Report Experiment::finish() const {
    const auto seconds = [](std::chrono::steady_clock::time_point since) {
        return notes::short_num(
            std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count());
    };
    const std::string training_time = seconds(start_);
    Report r(title_);
    for (const DatasetResult& d : results_) {
        for (const RunResult& run : d.runs) add_run_quantities(r, d.data.name, run);
        add_pca_baseline(r, d);
    }
    for (const DatasetResult& d : results_)
        for (const DemoResult& demo : d.demos) add_demo_quantities(r, d.data.name, demo);
    for (const DatasetResult& d : results_) {
        add_gaussian_nll_quantities(r, d, settings_.decoder, kTrainedTodos);
        add_generation_quantities(r, d, kTrainedTodos);
        add_anomaly_quantities(r, d, kTrainedTodos);
    }

    for (const DatasetResult& d : results_) {
        notes::dataset(r, d, settings_);
        r.note("");
    }
    notes::collapse_summary(r, results_);
    notes::negative_main_runs(r, results_, settings_);
    r.note("");
    notes::scaling_lesson(r, results_, settings_.demo_epochs);
    for (const DatasetResult& d : results_) {
        r.note("");
        generation_notes(r, d, settings_.decoder);
    }
    for (const DatasetResult& d : results_) {
        r.note("");
        anomaly_notes(r, d);
    }

    long models = 0;
    for (const auto& d : results_)
        models += static_cast<long>(d.runs.size() + d.demos.size() + d.anomalies.size());
    r.note("");
    r.note("Trained and analysed " + std::to_string(models) + " models in " + training_time + " s.");
    if (options_.plots()) {
        const auto plot_start = std::chrono::steady_clock::now();
        std::vector<std::string> written;
        for (const DatasetResult& d : results_) {
            draw_plots(d, options_.plot_dir(), written);
            draw_generation_plots(d, options_.plot_dir(), written);
            draw_anomaly_plots(d, options_.plot_dir(), written);
        }
        if (!written.empty()) {
            r.note("Plots (" + seconds(plot_start) + " s), in " + options_.plot_dir() + ":");
            for (const auto& w : written) r.note("  " + w);
        }
    }
    return r;
}

}  // namespace vae::tabular
