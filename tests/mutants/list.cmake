# The mistakes: vae_mutant(EXERCISE NAME "solution's text" "the mistake"). Each must make the
# golden test of exercise EXERCISE say FAILED. See mutants.cmake.

# Exercise 6: tabular VAEs, trained (tolerances from a measured spread).
vae_mutant(6 kl_without_half "loss.kl = 0.5 * (lv.exp()" "loss.kl = (lv.exp()")
vae_mutant(6 beta_on_recon "loss.total = loss.recon + beta * loss.kl" "loss.total = beta * loss.recon + loss.kl")
vae_mutant(6 sample_std "/ double(train.rows())).cwiseSqrt()" "/ double(train.rows() - 1)).cwiseSqrt()")

# Exercise 7: MNIST, trained; its checks against lib stop most mistakes before training.
vae_mutant(7 kl_without_half "e.kl = 0.5 * (lv.exp()" "e.kl = (lv.exp()")
vae_mutant(7 warmup_counted_from_one "beta * double(std::min(epoch, warmup))" "beta * double(std::min(epoch + 1, warmup))")
vae_mutant(7 kmeans_without_update "if (count[std::size_t(c)] > 0) centres.row(c)" "if (false) centres.row(c)")
