import { parseTelcoCsv, TELCO_COLUMNS, telcoRowChurned, telcoRowToChurnInput, telcoRowToExample, type TelcoRow } from './telco-csv.util';

const HEADER = TELCO_COLUMNS.join(',');
/** The first two rows of the data set, verbatim. */
const FIRST_ROWS = [
  '7590-VHVEG,Female,0,Yes,No,1,No,No phone service,DSL,No,Yes,No,No,No,No,Month-to-month,Yes,Electronic check,29.85,29.85,No',
  '5575-GNVDE,Male,0,No,No,34,Yes,No,DSL,Yes,No,Yes,No,No,No,One year,No,Mailed check,56.95,1889.5,No',
];

const row = (overrides: Partial<TelcoRow> = {}): TelcoRow => ({ ...parseTelcoCsv(`${HEADER}\n${FIRST_ROWS[1]}\n`)[0], ...overrides });

describe('Telco CSV adapter', () => {
  it('parses the file and maps a whole row onto the product model', () => {
    const [first] = parseTelcoCsv(`${HEADER}\n${FIRST_ROWS.join('\n')}\n`);
    expect(telcoRowToExample(first)).toEqual({
      churned: false,
      input: {
        customerType: 'public_residential',
        tenureMonths: 1,
        fixedLines: 0,
        mobileLines: 0,
        broadband: 'dsl',
        iptv: 0,
        bundles: 0,
        addOns: ['backup'],
        contractMonths: 0,
        paymentMethod: 'bank_transfer',
        paperlessBill: true,
        monthlyChargesFen: 2_985,
        totalChargesFen: 2_985,
        senior: false,
        partner: true,
        dependents: false,
      },
    });
  });

  it('maps every payment method onto a product payment method', () => {
    const mapped = ['Electronic check', 'Mailed check', 'Bank transfer (automatic)', 'Credit card (automatic)'].map(
      (PaymentMethod) => telcoRowToChurnInput(row({ PaymentMethod })).paymentMethod,
    );
    expect(mapped).toEqual(['bank_transfer', 'cash', 'bank_withholding', 'alipay']);
  });

  it('maps every contract, internet service and phone value', () => {
    expect(['Month-to-month', 'One year', 'Two year'].map((Contract) => telcoRowToChurnInput(row({ Contract })).contractMonths)).toEqual([0, 12, 24]);
    expect(['DSL', 'Fiber optic', 'No'].map((InternetService) => telcoRowToChurnInput(row({ InternetService })).broadband)).toEqual(['dsl', 'fibre', 'none']);
    const lines = (PhoneService: string, MultipleLines: string) => telcoRowToChurnInput(row({ PhoneService, MultipleLines })).fixedLines;
    expect([lines('No', 'No phone service'), lines('Yes', 'No'), lines('Yes', 'Yes')]).toEqual([0, 1, 2]);
  });

  it('maps streaming to IPTV and the four support services to add-ons, with "No internet service" as not held', () => {
    const none = 'No internet service';
    expect(telcoRowToChurnInput(row({ StreamingTV: 'Yes', StreamingMovies: 'Yes' })).iptv).toBe(2);
    expect(telcoRowToChurnInput(row({ StreamingTV: 'Yes', StreamingMovies: 'No' })).iptv).toBe(1);
    expect(telcoRowToChurnInput(row({ StreamingTV: none, StreamingMovies: none })).iptv).toBe(0);
    const all = telcoRowToChurnInput(row({ OnlineSecurity: 'Yes', OnlineBackup: 'Yes', DeviceProtection: 'Yes', TechSupport: 'Yes' }));
    expect(all.addOns).toEqual(['security', 'backup', 'device_protection', 'tech_support']);
    const noInternet = row({ OnlineSecurity: none, OnlineBackup: none, DeviceProtection: none, TechSupport: none });
    expect(telcoRowToChurnInput(noInternet).addOns).toEqual([]);
  });

  it('maps the profile columns and the label', () => {
    const input = telcoRowToChurnInput(row({ SeniorCitizen: '1', Partner: 'Yes', Dependents: 'Yes', PaperlessBilling: 'No' }));
    expect(input).toMatchObject({ senior: true, partner: true, dependents: true, paperlessBill: false });
    expect(telcoRowToChurnInput(row({ SeniorCitizen: '0', Partner: 'No', Dependents: 'No' }))).toMatchObject({ senior: false, partner: false, dependents: false });
    expect([telcoRowChurned(row({ Churn: 'Yes' })), telcoRowChurned(row({ Churn: 'No' }))]).toEqual([true, false]);
  });

  it('ignores gender (not a risk factor the product should use)', () => {
    expect(telcoRowToChurnInput(row({ gender: 'Female' }))).toEqual(telcoRowToChurnInput(row({ gender: 'Male' })));
  });

  it('reads a blank TotalCharges (new customers) as nothing billed yet', () => {
    expect(telcoRowToChurnInput(row({ tenure: '0', TotalCharges: ' ' })).totalChargesFen).toBeNull();
    expect(telcoRowToChurnInput(row({ tenure: '0', TotalCharges: '' })).totalChargesFen).toBeNull();
    expect(telcoRowToChurnInput(row({ MonthlyCharges: '19.05', TotalCharges: '1889.5' }))).toMatchObject({ monthlyChargesFen: 1_905, totalChargesFen: 188_950 });
  });

  it('rejects values it does not know instead of guessing', () => {
    expect(() => telcoRowToChurnInput(row({ PaymentMethod: 'Bitcoin' }))).toThrow(/PaymentMethod: unexpected value "Bitcoin"/);
    expect(() => telcoRowToChurnInput(row({ Contract: 'Three year' }))).toThrow(/Contract/);
    expect(() => telcoRowToChurnInput(row({ tenure: 'x' }))).toThrow(/tenure/);
    expect(() => telcoRowChurned(row({ Churn: 'Maybe' }))).toThrow(/Churn/);
  });

  it('rejects a file without the data set columns', () => {
    expect(() => parseTelcoCsv('customerID,tenure\nA,1\n')).toThrow(/missing Telco columns: gender/);
  });
});
