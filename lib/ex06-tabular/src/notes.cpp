#include "notes.hpp"

#include <algorithm>

#include "vae/format.hpp"

namespace vae::tabular::notes {
namespace {

// Each latent dimension's value, as "(a, b)".
std::string per_dim(const Eigen::VectorXd& v) {
    std::string s = "(";
    for (Eigen::Index j = 0; j < v.size(); ++j) s += (j ? ", " : "") + short_num(v(j));
    return s + ")";
}

void table(Report& r, const DatasetResult& d, const Settings& s) {
    r.note(d.data.name + ": " + std::to_string(d.train.rows()) + " training / " +
           std::to_string(d.test.rows()) + " test rows (stratified split, seed " + std::to_string(s.seed) +
           "), " + to_string(d.scaling.kind) + " scaling fitted on the training rows only.");
    r.note("  " + s.describe(d.data.features()));
    r.note("  " + vae::pad_right("", 22) +
           "  recon train/test     KL train/test  total train/test  active   5-NN  silh.  test err");
    for (const RunResult& run : d.runs) {
        const EpochLosses& e = run.history.last();
        r.note("  " + vae::pad_right(model_name(run.beta), 22) + fixed(e.train.recon, 8, 3) + " /" +
               fixed(e.test.recon, 7, 3) + fixed(e.train.kl, 8, 3) + " /" + fixed(e.test.kl, 6, 3) +
               fixed(e.train.total, 9, 3) + " /" + fixed(e.test.total, 7, 3) + "   " +
               std::to_string(run.active) + " of " + std::to_string(run.mu_variance.size()) +
               fixed(run.knn_accuracy, 7, 3) + fixed(run.silhouette, 7, 3) + fixed(run.test_rms_sd, 7, 3) +
               " sd" + (run.collapsed ? "  COLLAPSED" : ""));
    }
    r.note("  (losses in nats per sample; 5-NN and silhouette of the test mu by class; test err: rms of the");
    r.note("  test reconstruction error in units of each feature's sd, where 1 is no better than the mean)");
}

void beta_trend(Report& r, const DatasetResult& d) {
    std::vector<const RunResult*> by_beta;
    for (const RunResult& run : d.runs) by_beta.push_back(&run);
    std::sort(by_beta.begin(), by_beta.end(),
              [](const RunResult* a, const RunResult* b) { return a->beta < b->beta; });
    std::string betas, kls, recons;
    for (std::size_t i = 0; i < by_beta.size(); ++i) {
        const std::string arrow = i ? " -> " : "";
        betas += arrow + beta_label(by_beta[i]->beta);
        kls += arrow + short_num(by_beta[i]->history.last().train.kl);
        recons += arrow + short_num(by_beta[i]->history.last().train.recon);
    }
    r.note("  As beta goes " + betas + ", the training KL goes " + kls + " nats and the training");
    r.note("  reconstruction term " + recons +
           ": beta sets the price of every nat the code carries about x.");
}

void latent_use(Report& r, const DatasetResult& d) {
    for (const RunResult& run : d.runs) {
        const std::string who = "  " + d.data.name + ", " + model_name(run.beta);
        const auto dims = std::to_string(run.mu_variance.size());
        if (run.collapsed) {
            r.note(who + ": COLLAPSED. KL = " + short_num(run.history.last().train.kl) +
                   " nats, Var(mu) = " + per_dim(run.mu_variance) + ".");
            r.note(
                "    The encoder gives every row about the same q(z|x), the prior: z says nothing about x "
                "and");
            r.note(
                "    every reconstruction is about the same. That is exercise 4's latent collapse, reached "
                "by");
            if (run.beta > 1.0)
                r.note(
                    "    training. Exercise 5 showed why: above its crossover beta, collapse is the cheaper "
                    "solution.");
            else
                r.note(
                    "    training: at this beta and likelihood the reconstruction a code buys is worth less "
                    "than its KL.");
            r.note(
                "    A 5-NN score can stay well above chance: the means still move a little, in order, and");
            r.note(
                "    nearest neighbours ignore scale. The decoder, reading z = mu + sigma eps with sigma "
                "near 1,");
            r.note("    cannot.");
        } else if (run.active < run.mu_variance.size()) {
            r.note(who + ": " + std::to_string(run.active) + " of " + dims +
                   " dimensions active; KL per dimension " + per_dim(run.kl_per_dim) + " nats.");
            r.note(
                "    The unused dimension sits on the prior: exercise 4's collapse, one dimension at a "
                "time.");
        }
    }
}

void lesson_runs(Report& r, const DatasetResult& d, int epochs) {
    if (d.demos.empty()) return;
    r.note("The scaling lesson (" + d.data.name + ", vanilla VAE, " + std::to_string(epochs) +
           " epochs each):");
    for (const DemoResult& demo : d.demos)
        r.note("  " + vae::pad_right(demo.variant.label, 29) + "lowest batch loss " +
               vae::pad_right(short_num(demo.history.min_batch_total()), 11) + "KL " +
               vae::pad_right(short_num(demo.history.last().train.kl), 9) + "test err " +
               short_num(demo.test_rms_sd) + " sd" + (demo.collapsed ? "  (latent collapsed)" : ""));
}

void lesson_explanation(Report& r, const std::vector<DatasetResult>& results) {
    const DemoResult* broken = nullptr;  // the standard + BCE run that went lowest
    bool bce_collapsed = false;
    for (const auto& d : results)
        for (const auto& demo : d.demos) {
            if (demo.variant.id == "standard_bernoulli" &&
                (!broken || demo.history.min_batch_total() < broken->history.min_batch_total()))
                broken = &demo;
            bce_collapsed = bce_collapsed || (demo.variant.id == "minmax_bernoulli" && demo.collapsed);
        }
    if (!broken) return;
    if (broken->history.min_batch_total() >= 0) {
        r.note(
            "Standard scaling + BCE stayed positive within these epochs; run more --demo-epochs to watch it");
        r.note("turn negative.");
        return;
    }
    r.note("Standard scaling + BCE: the 'loss' went NEGATIVE (down to " +
           short_num(broken->history.min_batch_total()) + "). Per feature the BCE is");
    r.note(
        "  max(l, 0) - l x + log1p(exp(-|l|)) = -[x log s + (1 - x) log(1 - s)], s = sigmoid(l). For a "
        "target");
    r.note(
        "  x in [0, 1] that is a cross-entropy: >= 0, smallest at s = x. Standardised features leave [0, "
        "1];");
    r.note("  for x > 1 the term falls like -l (x - 1) as the logit l grows, for x < 0 like l x as l falls,");
    r.note("  without a lower bound. The optimiser then pushes logits towards +-infinity instead of");
    r.note("  reconstructing, and the decoder's means sigmoid(l) stay in (0, 1), where the data are not.");
    r.note("  A negative loss is the sign that the likelihood does not fit the data. The fixes, beside it:");
    r.note(
        "  min-max scaling keeps the targets in [0, 1]; a Gaussian likelihood's squared error is >= 0 for");
    r.note("  any x. Compare their test errors above.");
    if (bce_collapsed) {
        r.note(
            "  Min-max + BCE keeps the loss >= 0, but BCE is a weak score for continuous values: it changes");
        r.note(
            "  little while a reconstruction moves inside (0, 1), so at beta = 1 the reconstruction a nat of "
            "KL");
        r.note(
            "  buys is worth less than the nat, and the latent collapsed (test error ~1 sd: every "
            "reconstruction");
        r.note(
            "  is near the mean). That is why the main runs use a Gaussian decoder, whose sigma sets how "
            "much");
        r.note("  a reconstruction error costs.");
    }
}

}  // namespace

std::string model_name(double beta) {
    return beta == 1.0 ? "vanilla VAE, beta 1" : "beta-VAE, beta " + beta_label(beta);
}

std::string short_num(double v) { return significant(v, 4); }

void dataset(Report& r, const DatasetResult& d, const Settings& s) {
    table(r, d, s);
    r.note("  for comparison, 2 principal components of the scaled data: 5-NN " +
           short_num(r.value(d.data.name + ".pca2.knn_accuracy")) + ", silhouette " +
           short_num(r.value(d.data.name + ".pca2.silhouette")));
    beta_trend(r, d);
    latent_use(r, d);
}

void collapse_summary(Report& r, const std::vector<DatasetResult>& results) {
    for (const auto& d : results)
        for (const auto& run : d.runs)
            if (run.collapsed) return;
    r.note("No run collapsed: every model keeps KL >= " + format_value(kCollapseKl) +
           " nats or some Var(mu_j) >= " + format_value(kCollapseSpread) + ".");
}

void negative_main_runs(Report& r, const std::vector<DatasetResult>& results, const Settings& s) {
    if (s.decoder.likelihood != nn::Likelihood::Bernoulli) return;
    for (const auto& d : results)
        for (const auto& run : d.runs)
            if (run.history.min_batch_total() < 0) {
                r.note("WARNING: " + d.data.name + ", " + model_name(run.beta) +
                       ": the training loss went negative (" + short_num(run.history.min_batch_total()) +
                       "). With " + to_string(s.scaling) + " scaling the targets leave [0, 1],");
                r.note("where BCE is not a log-likelihood: see the scaling lesson below.");
                return;
            }
}

void scaling_lesson(Report& r, const std::vector<DatasetResult>& results, int epochs) {
    for (const DatasetResult& d : results) lesson_runs(r, d, epochs);
    lesson_explanation(r, results);
}

}  // namespace vae::tabular::notes
