#pragma once
// Everything exercise 7 (a VAE on MNIST) takes from lib besides the network itself: settings
// and flags, the data, the checks of the student's code, the analysis, the table and the
// plots.
#include "ex07/checks.hpp"
#include "ex07/data.hpp"
#include "ex07/experiment.hpp"
#include "ex07/settings.hpp"
