'use strict';

module.exports = async function globalTeardown() {
  if (globalThis.__CRM_TEST_INFRA__) await globalThis.__CRM_TEST_INFRA__.stop();
};
