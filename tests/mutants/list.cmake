# The mistakes: vae_mutant(EXERCISE NAME "solution's text" "the mistake"). Each must make the
# golden test of exercise EXERCISE say FAILED. See mutants.cmake.

# Exercises 1-5: exact arithmetic (tolerance 1e-12), so any slip fails; these make sure every
# TODO is reached by some golden quantity.
vae_mutant(1 covariance_over_n "/ static_cast<double>(X.rows() - 1)" "/ static_cast<double>(X.rows())")
vae_mutant(2 affine_without_transpose "Matrix Y = X * map.W.transpose();" "Matrix Y = X * map.W;")
vae_mutant(3 affine_without_transpose "Matrix Y = X * map.W.transpose();" "Matrix Y = X * map.W;")
vae_mutant(3 sigma_is_exp_logvar "(0.5 * logvar.array()).exp()" "logvar.array().exp()")
vae_mutant(3 kl_without_half "return 0.5 * terms.matrix()" "return terms.matrix()")
vae_mutant(3 recon_mean_over_coordinates "(X - X_prime).rowwise().squaredNorm().mean()" "(X - X_prime).array().square().mean()")
vae_mutant(4 mean_weights_by_column "e.mean.W << 0.01, 0.01, -0.01, -0.01;" "e.mean.W << 0.01, -0.01, 0.01, -0.01;")
vae_mutant(4 logvar_bias_sign "e.logvar.b << -0.1, -0.1;" "e.logvar.b << 0.1, 0.1;")
vae_mutant(5 beta_on_recon "return recon + beta * kl;" "return beta * recon + kl;")
vae_mutant(5 no_crossover_check "    if (s.kl <= c.kl)\n        throw" "    if (false)\n        throw")

# Exercise 6: tabular VAEs, trained (tolerances from a measured spread).
vae_mutant(6 kl_without_half "loss.kl = 0.5 * (lv.exp()" "loss.kl = (lv.exp()")
vae_mutant(6 beta_on_recon "loss.total = loss.recon + beta * loss.kl" "loss.total = beta * loss.recon + loss.kl")
vae_mutant(6 sample_std "/ double(train.rows())).cwiseSqrt()" "/ double(train.rows() - 1)).cwiseSqrt()")
# 6c, the epoch loop, is the student's own and no check against lib can see inside it: these
# reach the trained values, so they test the tolerances themselves.
vae_mutant(6 no_shuffle "        order_rng.shuffle(order);" "")
vae_mutant(6 beta_ignored_in_backward "weights{s.decoder.recon_weight(), beta}" "weights{s.decoder.recon_weight(), 1.0}")
vae_mutant(6 recon_weight_forgotten "weights{s.decoder.recon_weight(), beta}" "weights{1.0, beta}")

# Exercise 7: MNIST, trained; its checks against lib stop most mistakes before training.
vae_mutant(7 kl_without_half "e.kl = 0.5 * (lv.exp()" "e.kl = (lv.exp()")
vae_mutant(7 warmup_counted_from_one "beta * double(std::min(epoch, warmup))" "beta * double(std::min(epoch + 1, warmup))")
vae_mutant(7 kmeans_without_update "if (count[std::size_t(c)] > 0) centres.row(c)" "if (false) centres.row(c)")
# 7h: both stop at the hand cases before training (test_nll_iw itself is not golden-checked).
vae_mutant(7 log_mean_exp_without_max "const double m = w.maxCoeff();" "const double m = 0.0;")
vae_mutant(7 log_mean_exp_over_k_outside_log "std::log(sum / double(w.size()))" "std::log(sum) / double(w.size())")

# Exercise 8: the student's generator and correlations are checked against lib's before and
# after training; each mistake must stop the run or fail pearson_max_diff.
vae_mutant(8 ring_full_width "std::abs(d - radius) - 0.5 * o.ring_width" "std::abs(d - radius) - o.ring_width")
vae_mutant(8 radius_from_zero "uniform(o.min_radius, o.max_radius)" "uniform(0.0, o.max_radius)")
vae_mutant(8 centre_without_half_pixel "const double x = uniform(edge - 0.5, o.width - 0.5 - edge);" "const double x = uniform(edge, o.width - edge);")
vae_mutant(8 pearson_without_centring "const Vector da = a.array() - a.mean();" "const Vector da = a;")
