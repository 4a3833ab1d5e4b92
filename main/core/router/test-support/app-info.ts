import type { AppInfo } from '../../../../api/contract/index.js';

/** The facts a core is created with in the router's tests: a mock environment, no demo, a version no release has. */
export const TEST_APP_INFO: AppInfo = {
  name: 'Passerelle',
  version: '9.9.9',
  environment: 'mock',
  platformUrl: 'https://localhost:7443',
  demo: false,
};
