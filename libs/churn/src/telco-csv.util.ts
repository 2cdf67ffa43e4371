import { parse } from 'csv-parse/sync';
import type { BroadbandAccess, ChurnAddOn, ChurnExample, ChurnInput, ChurnPaymentMethod } from './churn.types';

/** The columns of the IBM Telco Customer Churn file, in file order. */
export const TELCO_COLUMNS = [
  'customerID', 'gender', 'SeniorCitizen', 'Partner', 'Dependents', 'tenure', 'PhoneService', 'MultipleLines',
  'InternetService', 'OnlineSecurity', 'OnlineBackup', 'DeviceProtection', 'TechSupport', 'StreamingTV',
  'StreamingMovies', 'Contract', 'PaperlessBilling', 'PaymentMethod', 'MonthlyCharges', 'TotalCharges', 'Churn',
] as const;

/** One row of the Telco file, all values as the text in the file. */
export type TelcoRow = Record<(typeof TELCO_COLUMNS)[number], string>;

/** Contract → commitment months. */
export const TELCO_CONTRACT_MONTHS: Readonly<Record<string, number>> = {
  'Month-to-month': 0,
  'One year': 12,
  'Two year': 24,
};

/**
 * Payment method → the product's 繳費方式. The data set's four methods differ on two axes that
 * matter for churn: automatic or paid by hand each month, electronic or on paper. Each maps onto
 * the product method with the same two properties (reasons in docs/churn.md):
 */
export const TELCO_PAYMENT_METHODS: Readonly<Record<string, ChurnPaymentMethod>> = {
  /** Customer pushes an electronic payment from the bank each month → a manual bank transfer (轉賬). */
  'Electronic check': 'bank_transfer',
  /** Paper, by hand, offline → cash at the counter (營業廳現金繳費). */
  'Mailed check': 'cash',
  /** Standing automatic debit of a bank account → 銀行代扣. */
  'Bank transfer (automatic)': 'bank_withholding',
  /** Automatic charge to a card held in a payment app → Alipay auto-deduct (支付寶代扣). */
  'Credit card (automatic)': 'alipay',
};

const INTERNET: Readonly<Record<string, BroadbandAccess>> = { DSL: 'dsl', 'Fiber optic': 'fibre', No: 'none' };

const ADD_ON_COLUMNS: ReadonlyArray<readonly [keyof TelcoRow, ChurnAddOn]> = [
  ['OnlineSecurity', 'security'],
  ['OnlineBackup', 'backup'],
  ['DeviceProtection', 'device_protection'],
  ['TechSupport', 'tech_support'],
];

function lookup<T>(table: Readonly<Record<string, T>>, column: string, value: string): T {
  if (!Object.prototype.hasOwnProperty.call(table, value)) throw new Error(`${column}: unexpected value "${value}"`);
  return table[value];
}

const YES_NO: Readonly<Record<string, boolean>> = { Yes: true, No: false };
/** Yes / No, or the "No phone service" / "No internet service" that the file writes for a service not held. */
const YES_NO_SERVICE: Readonly<Record<string, boolean>> = { ...YES_NO, 'No phone service': false, 'No internet service': false };

function number(column: string, value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new Error(`${column}: not a non-negative number "${value}"`);
  return n;
}

/** Money in the file's currency unit → fen (one unit is taken as one yuan; the model standardises scale away). */
const toFen = (units: number): number => Math.round(units * 100);

/** Maps one Telco row onto the product's ChurnInput (every customer is a public residential one). */
export function telcoRowToChurnInput(row: TelcoRow): ChurnInput {
  const phone = lookup(YES_NO, 'PhoneService', row.PhoneService);
  const multiple = lookup(YES_NO_SERVICE, 'MultipleLines', row.MultipleLines);
  const broadband = lookup(INTERNET, 'InternetService', row.InternetService);
  const tv = lookup(YES_NO_SERVICE, 'StreamingTV', row.StreamingTV);
  const movies = lookup(YES_NO_SERVICE, 'StreamingMovies', row.StreamingMovies);
  const total = row.TotalCharges.trim();
  return {
    customerType: 'public_residential',
    tenureMonths: number('tenure', row.tenure),
    fixedLines: phone ? (multiple ? 2 : 1) : 0,
    mobileLines: 0,
    broadband,
    iptv: (tv ? 1 : 0) + (movies ? 1 : 0),
    bundles: 0,
    addOns: ADD_ON_COLUMNS.filter(([column]) => lookup(YES_NO_SERVICE, column, row[column])).map(([, a]) => a),
    contractMonths: lookup(TELCO_CONTRACT_MONTHS, 'Contract', row.Contract),
    paymentMethod: lookup(TELCO_PAYMENT_METHODS, 'PaymentMethod', row.PaymentMethod),
    paperlessBill: lookup(YES_NO, 'PaperlessBilling', row.PaperlessBilling),
    monthlyChargesFen: toFen(number('MonthlyCharges', row.MonthlyCharges)),
    totalChargesFen: total === '' ? null : toFen(number('TotalCharges', total)),
    senior: lookup({ '1': true, '0': false }, 'SeniorCitizen', row.SeniorCitizen),
    partner: lookup(YES_NO, 'Partner', row.Partner),
    dependents: lookup(YES_NO, 'Dependents', row.Dependents),
  };
}

/** The label of a Telco row: Churn = Yes. */
export function telcoRowChurned(row: TelcoRow): boolean {
  return lookup(YES_NO, 'Churn', row.Churn);
}

/** Parses a Telco CSV text (with its header) into rows; a missing column is an error. */
export function parseTelcoCsv(text: string): TelcoRow[] {
  const rows = parse(text, { columns: true, skip_empty_lines: true, bom: true }) as Record<string, string>[];
  const missing = TELCO_COLUMNS.filter((c) => rows.length > 0 && !(c in rows[0]));
  if (missing.length > 0) throw new Error(`missing Telco columns: ${missing.join(', ')}`);
  return rows as TelcoRow[];
}

export function telcoRowToExample(row: TelcoRow): ChurnExample {
  return { input: telcoRowToChurnInput(row), churned: telcoRowChurned(row) };
}
