/** Personal-data protection lives in @crm/personal-data; re-exported here for the customer domain's callers. */
export * from '@crm/personal-data';
