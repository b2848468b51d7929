#include "ex01-05/settings.hpp"

namespace vae::sheet {

void no_flags(Flags&, Settings&) {}

void data_flags(Flags& flags, Settings& settings) { flags.seed(settings.seed).n(settings.n); }

void beta_flags(Flags& flags, Settings& settings) {
    data_flags(flags, settings);
    flags.beta(settings.beta);
}

}  // namespace vae::sheet
