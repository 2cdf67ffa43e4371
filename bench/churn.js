#!/usr/bin/env node
'use strict';
/**
 * Churn-risk model (issue 4 item 4) on files in the IBM Telco Customer Churn columns.
 *
 *   npm run bench:churn -- --train FILE --test FILE   train on FILE, print the held-out ROC AUC
 *   npm run bench:churn -- [--train FILE]             5-fold stratified CV ROC AUC, ours and the baseline
 *
 * Details go above; the LAST line of stdout is the bare AUC of our model (held-out, or CV mean).
 * Optional: --folds 5 --seed N (CV), --model OUT.json (write the model trained on all of --train).
 */
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const churn = require(path.join(root, 'dist/libs/churn/src/index.js'));

function arg(name, dflt) {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return dflt;
  const v = process.argv[i + 1];
  if (v === undefined || v.startsWith('--')) throw new Error(`--${name} needs a value`);
  return v;
}

const fmt = (x) => x.toFixed(4);
const load = (file) => churn.parseTelcoCsv(fs.readFileSync(file, 'utf8'));
const rate = (rows) => rows.filter(churn.telcoRowChurned).length / rows.length;

function main() {
  const trainFile = arg('train', path.join(root, '../shared/data/telco-churn/train.csv'));
  const testFile = arg('test', null);
  const train = load(trainFile);
  const out = (line) => process.stdout.write(`${line}\n`);
  out(`train: ${trainFile} — ${train.length} rows, churn rate ${(100 * rate(train)).toFixed(1)}%`);
  out(`model: ${JSON.stringify(churn.DEFAULT_CHURN_CONFIG)}, ${churn.churnFeatureNames().length} features`);

  if (testFile) {
    const test = load(testFile);
    out(`test:  ${testFile} — ${test.length} rows, churn rate ${(100 * rate(test)).toFixed(1)}%`);
    const t0 = process.hrtime.bigint();
    const model = churn.trainChurnModel(train.map(churn.telcoRowToExample));
    const trainMs = Number(process.hrtime.bigint() - t0) / 1e6;
    const labels = test.map(churn.telcoRowChurned);
    const ours = churn.rocAuc(test.map((r) => churn.scoreChurn(model, churn.telcoRowToChurnInput(r)).probability), labels);
    const baselineModel = churn.trainTelcoBaseline(train);
    const baseline = churn.rocAuc(test.map((r) => churn.scoreTelcoBaseline(baselineModel, r)), labels);
    writeModel(model);
    out(`trained in ${trainMs.toFixed(0)} ms`);
    out(`held-out ROC AUC — baseline (plain logistic regression): ${fmt(baseline)}`);
    out(`held-out ROC AUC — churn-risk model: ${fmt(ours)}`);
    out(fmt(ours));
    return;
  }

  const k = Number(arg('folds', churn.DEFAULT_CV_FOLDS));
  const seed = Number(arg('seed', churn.DEFAULT_CV_SEED));
  const examples = train.map(churn.telcoRowToExample);
  const ours = churn.crossValidateAuc(examples, (e) => e.churned, (rows) => {
    const m = churn.trainChurnModel(rows);
    return (e) => churn.scoreChurn(m, e.input).probability;
  }, k, seed);
  const baseline = churn.crossValidateAuc(train, churn.telcoRowChurned, (rows) => {
    const m = churn.trainTelcoBaseline(rows);
    return (r) => churn.scoreTelcoBaseline(m, r);
  }, k, seed);
  out(`${k}-fold stratified CV (seed ${seed}), ROC AUC per fold:`);
  out(`  baseline (plain logistic regression, all columns): ${baseline.folds.map(fmt).join(' ')}  mean ${fmt(baseline.mean)} ± ${fmt(baseline.sd)}`);
  out(`  churn-risk model:                                  ${ours.folds.map(fmt).join(' ')}  mean ${fmt(ours.mean)} ± ${fmt(ours.sd)}`);
  const wins = ours.folds.filter((a, i) => a > baseline.folds[i]).length;
  out(`  difference: ${fmt(ours.mean - baseline.mean)} (ours higher on ${wins} of ${k} folds); bar to beat 0.84`);
  const model = churn.trainChurnModel(examples);
  writeModel(model);
  out('weights of the model trained on all rows (standardised features, largest first):');
  model.featureNames
    .map((name, j) => [name, model.weights[j]])
    .filter(([, w]) => Math.abs(w) > 1e-9)
    .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]))
    .forEach(([name, w]) => out(`  ${name.padEnd(32)} ${w >= 0 ? '+' : ''}${w.toFixed(3)}`));
  out(fmt(ours.mean));
}

function writeModel(model) {
  const file = arg('model', null);
  if (file) fs.writeFileSync(file, `${JSON.stringify(model, null, 2)}\n`);
}

try {
  main();
} catch (err) {
  process.stderr.write(`bench:churn: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
