// Internal: prices learned from the credit ledger (learn_prices) and a batch's cost against the balance.
#pragma once
#include "base/input.hpp"

namespace jimeng {

// {prices, records (parseCreditHistory's), jobs [{submitId, model, resolution, count}], learnedUpTo?} →
// {prices, learned, learnedUpTo, caughtUp}: each charge for one of the jobs sets the price of its model|resolution|count.
Result<ojson> learn_prices(const json& in);

// Prices every valid row (row.credits) and sums them: {credits, priced, unpriced[, balance, short]}.
ojson estimate_batch(const json& prices, ojson& rows, const json& balance);

}  // namespace jimeng
