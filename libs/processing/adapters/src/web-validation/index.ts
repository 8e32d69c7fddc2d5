export { WebsiteChecker, type WebsiteCheckerOptions, type WebsiteCheckTarget } from './website-checker';
export type { WebsiteCheckCode } from './website-check-failure';
export {
  parseWebsiteUrl,
  MAX_WEBSITE_URL_LENGTH,
  type ParsedWebsiteUrl,
  type WebsiteUrlProblem,
} from './website-url';
