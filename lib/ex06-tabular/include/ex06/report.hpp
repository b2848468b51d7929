#pragma once
// Everything exercise 6 (VAEs on Iris and Wine) takes from lib besides the network itself:
// settings and flags, data sets, the checks of the student's code, the analysis, the table
// and the plots.
#include "ex06/anomaly.hpp"
#include "ex06/dataset.hpp"
#include "ex06/experiment.hpp"
#include "ex06/gaussian_nll.hpp"
#include "ex06/generation.hpp"
#include "ex06/settings.hpp"
#include "ex06/training.hpp"
