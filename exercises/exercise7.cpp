// Exercise 7 — a fully connected VAE on MNIST: beta warm-up, the Bernoulli ELBO on pixel
// intensities, and what the latent space learnt about digits.
//
// The program trains a VAE on the 60000 MNIST training images (28x28 grey digits, pixels
// scaled to [0, 1]) and tests it on the 10000 test images. Two networks (--arch):
//   784-512-256-2   a 2-D latent space you can look at directly (the default)
//   784-400-20      the classic, with a 20-D latent space
// Both use ReLU hidden layers, a Bernoulli decoder, Adam (lr 1e-3) and batches of 128. The
// labels are never shown to the model; afterwards we ask how well 10 clusters of the latent
// means line up with the ten digits.
//
// The exercise in full: docs/exercise7.md. The ideas: docs/concepts.md §1 (the Bernoulli
// likelihood), §3 (the ELBO), §4 (the KL term), §6 (beta and its warm-up), §7 (collapse).
//
// You write the parts that teach; lib provides the data, the network (forward, backward,
// Adam), the training loop, the table, the plots and the analysis toolkit.
//   7a. warmup_beta: the KL weight, warmed up linearly from 0.
//   7b. negative_elbo: the Bernoulli negative ELBO of a batch, from one forward pass.
//   7c. kmeans: Lloyd's algorithm from k-means++ seeds.
//   7d. best_matching: the best one-to-one pairing of clusters with labels, and the accuracy.
//   7h. log_mean_exp: the log of the mean importance weight, without overflow: the heart of
//       the importance-weighted -log p(x) (test_nll_iw). It is 7h because 7e-7g name the
//       written questions below.
// Then:
//   scripts/fetch-mnist                      once: downloads MNIST into data/mnist/
//   ./build/exercise7 --epochs 10            the per-epoch table, the report, plots/exercise7_*.png
//   ./build/exercise7 --arch 784-400-20 --beta-warmup 0      the classic, constant beta
//   ./build/exercise7 --from-checkpoint      redraw the plots of the last run without training
//   ./build/exercise7 --dataset fashion      Fashion-MNIST (Debian package dataset-fashion-mnist)
//   ctest --test-dir build -R exercise7      are your numbers right? (a short run on a subset)
// The program checks each of your functions against an independent computation as it runs
// and stops with a message naming the first number that differs.
//
// Questions (write your answers in exercises/answers.md; the reference answers are in
// solutions/answers.md):
//   7e. Why does the test reconstruction term stay far above 0 even for a good model?
//       Compare it with recon_floor. What would change with black-and-white pixels?
//   7f. Train the 2-D model with --beta-warmup 0 and with --beta-warmup 10 (20 epochs). How
//       do the first epochs' KL term, the final test -ELBO and the latent plot differ?
//   7g. In the confusion matrix, which digits share a cluster, and which digit takes two?
//       Where do they sit in the latent plot? Why is the clustering accuracy far below what
//       the decoded manifold suggests the model "knows"?
#include <algorithm>
#include <ex07/report.hpp>
#include <vae/analysis/kmeans.hpp>
#include <vae/analysis/matching.hpp>
#include <vae/exercise.hpp>
#include <vae/rng.hpp>
#include <vector>

namespace mnist = vae::mnist;
using vae::analysis::Labels;
using vae::analysis::Matrix;

// The types of 7c and 7d (vae/analysis/matrix.hpp and vae/analysis/matching.hpp):
//   Matrix           an Eigen matrix of double, one row per sample: here one latent mean per
//                    test image (x.rows() images, x.cols() latent dimensions).
//   Labels           std::vector<int>, one entry per sample: a cluster number 0..k-1 (what
//                    kmeans returns), or a true digit 0..9 (the labels best_matching gets).
//   CountMatrix      an Eigen matrix of long (vae::analysis::CountMatrix). CountMatrix::Zero(k, k)
//                    is a k x k table of zeros; ++n(c, l) counts one image; n.cast<double>()
//                    converts it for min_cost_assignment.
//   ClusterMatching  what 7d returns (vae::analysis::ClusterMatching), four fields:
//                      std::vector<int> label_of   label_of[c]: the digit paired with cluster c
//                      long matched                images whose cluster is paired with their digit
//                      long total                  all images (clusters.size())
//                      double accuracy             matched / total

// 7a. beta warm-up. Early on, a full KL weight pulls every posterior onto the prior before
// the decoder has learnt to use z. So beta starts at 0 and rises linearly to its value over
// the first K epochs (epochs counted from 0):
//   beta(e) = beta * min(e, K) / K,   and beta(e) = beta when K = 0 (no warm-up).
// Mind the integer division: min(e, K) / K with ints is 0 until e reaches K.
double warmup_beta(int epoch, double beta, int warmup) {
    return vae::todo_number("7a: warmup_beta — beta * min(e, K) / K, or beta when K = 0");
}

// 7b. The negative ELBO of a batch x (B images, pixels x in [0, 1]) from one forward pass:
// ws.logits() (the decoder's l, B x 784), ws.mu() and ws.logvar() (B x latent).
// Per image, summed over pixels j and latent dimensions k, then averaged over the batch:
//   recon = (1/B) sum_i sum_j  max(l, 0) - l x + log1p(exp(-|l|))    = -log p(x | z), Bernoulli
//   KL    = (1/B) sum_i 0.5 sum_k (exp(lv) + mu^2 - lv - 1)
// The first line is binary cross-entropy written so that exp never overflows. Sum in double:
// 784 pixels x 500 images of float terms would lose digits.
// Eigen tips: m.cast<double>().array() for element-wise maths in double; a.max(0.0), a.abs(),
// a.exp(), a.log1p(), a.square(), .sum(). Return mnist::Elbo{recon, kl}.
mnist::Elbo negative_elbo(const mnist::Batch& x, const mnist::Workspace& ws) {
    vae::todo("7b: negative_elbo — the Bernoulli reconstruction term and the KL term, per image");
}

// 7c. k-means on the rows of x (one latent mean per test image). Seed the centres with lib's
// k-means++:
//   vae::Rng rng(seed, vae::Stream::Cluster);
//   Matrix centres = vae::analysis::kmeans_plus_plus(x, k, rng);       (k x x.cols())
// then repeat Lloyd's two steps until no sample changes cluster:
//   assign:  c(i) = argmin_c |x_i - m_c|^2          (the lowest c on a tie:
//                                                     vae::analysis::nearest_centre(x.row(i), centres))
//   update:  m_c  = mean of the x_i with c(i) = c   (an empty cluster keeps its centre)
// Return c(i) for every row.
Labels kmeans(const Matrix& x, int k, std::uint64_t seed) {
    vae::todo("7c: kmeans — k-means++ seeds, then assign / update until nothing changes");
}

// 7d. Cluster numbers are arbitrary, so pair each cluster with a label, one-to-one, so that
// as many images as possible sit in a cluster paired with their own label. With the table
//   n(c, l) = how many images of label l are in cluster c      (vae::analysis::CountMatrix)
// that is an assignment problem: maximise sum_c n(c, label_of[c]). Pairing each cluster with
// its most frequent label is not enough: two clusters could take the same label.
// vae::analysis::min_cost_assignment(cost) (the Hungarian method) minimises
// sum_c cost(c, label_of[c]) and returns label_of, so give it cost = -n (as double:
// -n.cast<double>()). Fill label_of, matched (that sum), total (all images) and
// accuracy = matched / total.
vae::analysis::ClusterMatching best_matching(const Labels& clusters, const Labels& labels, int k) {
    vae::todo("7d: best_matching — the contingency table, the best one-to-one pairing, the accuracy");
}

// 7h. The ELBO is only a lower bound of log p(x). The importance-weighted estimate draws K
// codes z_k from q(z | x) for one test image and weighs each by
//   w_k = log p(x | z_k) + log p(z_k) - log q(z_k | x)        (lib computes these),
// then log p_K(x) = log((1/K) sum_k exp(w_k)): the log of the mean weight. For MNIST w_k is
// near -100; larger images or Gaussian decoders give weights in the thousands, of either
// sign. exp underflows to 0 below about -745 and overflows to inf above 709, so compute it as
//   m + log((1/K) sum_k exp(w_k - m)),   m = max_k w_k,
// where every exp(w_k - m) lies in (0, 1] and the largest is exactly 1. w is a vae::Vector
// (Eigen, K entries): w.maxCoeff(), w.size(), (w.array() - m).exp().sum(); std::log.
// The program checks yours on hand cases (w = {1000, 1000} must give 1000, not inf) and on
// every test image's weights, then reports test_nll_iw = -(mean of log p_K(x)) from it.
double log_mean_exp(const vae::Vector& w) {
    return vae::todo_number("7h: log_mean_exp — m + log((1/K) sum_k exp(w_k - m)), m = max_k w_k");
}

// s holds the flags (data set, network, schedule, subsets: --help lists them); options says
// where the data are and the plots go.
vae::Report run_exercise(const mnist::Settings& s, const vae::Options& options) {
    mnist::Experiment experiment(vae::exercise_info.title, options, s);  // loads MNIST (or Fashion-MNIST)

    // Your five functions, tried once on the untrained model: a TODO or a slip shows at once.
    experiment.check_before_training(warmup_beta, negative_elbo, kmeans, best_matching, log_mean_exp);
    experiment.train();  // lib: minibatches, forward, backward, Adam; beta as in 7a
    experiment.evaluate(negative_elbo, log_mean_exp);  // 7b: the test -ELBO; 7h: test_nll_iw

    const Labels clusters = kmeans(experiment.test_mu(), mnist::kClusters, s.seed);  // 7c
    experiment.add_clustering(clusters,
                              best_matching(clusters, experiment.test_labels(), mnist::kClusters));  // 7d
    return experiment.finish();
}

// The program: exercise 7's flags (into mnist::Settings), then the run above.
const vae::Program vae::program(mnist::add_flags, run_exercise);
