// Public surface of the credits domain: other domains and adapters import only from here.
export * from './constants.js';
export * from './credits.tables.js';
export { getCostMilli, featureSchema } from './get-cost.js';
export { reserveCredits } from './reserve-credits.js';
export { chargeCredits } from './charge-credits.js';
export { refundCredits } from './refund-credits.js';
export { releaseReservation } from './release-reservation.js';
export { getBalance } from './get-balance.js';
export { grantCredits } from './grant-credits.js';
export { adjustCredits } from './adjust-credits.js';
export type { ManualMovementResult } from './manual-movement.js';
export { resetMonthlyCredits } from './reset-monthly-credits.js';
export { updateCreditSettings, type CreditSettingsInput } from './update-credit-settings.js';
export { listCreditTransactions, type CreditTransaction } from './list-credit-transactions.js';
export { getCreditUsage, MAX_USAGE_DAYS, type CreditUsage, type FeatureUsage } from './get-credit-usage.js';
export { listCreditCosts, type CreditCost } from './list-credit-costs.js';
export { setCreditCosts } from './set-credit-costs.js';
export { LOW_BALANCE_KIND } from './low-balance.js';
