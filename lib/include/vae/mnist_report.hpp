#pragma once
// Everything exercise 7 (a VAE on MNIST) takes from lib besides the network itself: settings
// and flags, the data, the checks of the student's code, the analysis, the table and the
// plots.
#include "vae/mnist/checks.hpp"
#include "vae/mnist/data.hpp"
#include "vae/mnist/experiment.hpp"
#include "vae/mnist/settings.hpp"
