// Public surface of the credits domain: other domains and adapters import only from here.
export * from './constants.js';
export * from './credits.tables.js';
export { getCostMilli } from './get-cost.js';
export { reserveCredits } from './reserve-credits.js';
export { chargeCredits } from './charge-credits.js';
export { refundCredits } from './refund-credits.js';
export { releaseReservation } from './release-reservation.js';
export { getBalance } from './get-balance.js';
export { grantCredits } from './grant-credits.js';
export { adjustCredits } from './adjust-credits.js';
export { resetMonthlyCredits } from './reset-monthly-credits.js';
