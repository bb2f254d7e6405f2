/**
 * A subreddit's post requirements, in the fields of Reddit's
 * `GET /api/v1/{subreddit}/post_requirements`, and the refusals `/api/submit` answers
 * for them: an HTTP 400 whose `json.errors` lists every requirement the post broke
 * (r/redditdev, "Upcoming API change: POST /api/submit", Reddit's admins, 2020).
 */
export interface PostRequirements {
  title_blacklisted_strings: string[];
  title_required_strings: string[];
  title_regexes: string[];
  body_blacklisted_strings: string[];
  title_text_min_length: number | null;
  title_text_max_length: number | null;
  body_restriction_policy: 'none' | 'required' | 'notAllowed';
  domain_whitelist: string[];
  domain_blacklist: string[];
  is_flair_required: boolean;
}

export const NO_REQUIREMENTS: PostRequirements = {
  title_blacklisted_strings: [],
  title_required_strings: [],
  title_regexes: [],
  body_blacklisted_strings: [],
  title_text_min_length: null,
  title_text_max_length: null,
  body_restriction_policy: 'none',
  domain_whitelist: [],
  domain_blacklist: [],
  is_flair_required: false,
};

export type Triple = [code: string, message: string, field: string];

const quoted = (words: readonly string[]) => words.map((w) => `"${w}"`).join(', ');

/** Every requirement the submission breaks, as Reddit lists them (its messages end with a space). */
export function brokenRequirements(rules: PostRequirements, form: URLSearchParams): Triple[] {
  const title = form.get('title') ?? '';
  const text = form.get('text') ?? '';
  const kind = form.get('kind') ?? '';
  const url = form.get('url') ?? '';
  const has = (haystack: string, word: string) => haystack.toLowerCase().includes(word.toLowerCase());
  const errors: Triple[] = [];
  const titleWords = rules.title_blacklisted_strings.filter((w) => has(title, w));
  if (titleWords.length > 0)
    errors.push([
      'SUBMIT_VALIDATION_TITLE_BLACKLISTED_STRING',
      `Your title must not contain ${quoted(titleWords)}. `,
      'title',
    ]);
  if (rules.title_required_strings.length > 0 && !rules.title_required_strings.some((w) => has(title, w)))
    errors.push([
      'SUBMIT_VALIDATION_TITLE_REQUIREMENT',
      `You must have ${quoted(rules.title_required_strings)} somewhere in your title. `,
      'title',
    ]);
  if (rules.title_regexes.length > 0 && !rules.title_regexes.some((r) => new RegExp(r).test(title)))
    errors.push([
      'SUBMIT_VALIDATION_TITLE_REGEX_REQUIREMENT',
      'Your title must match the format this community requires. ',
      'title',
    ]);
  if (rules.title_text_min_length !== null && title.length < rules.title_text_min_length)
    errors.push([
      'SUBMIT_VALIDATION_MIN_LENGTH',
      `You must have at least ${rules.title_text_min_length} characters in your title. `,
      'title',
    ]);
  if (rules.title_text_max_length !== null && title.length > rules.title_text_max_length)
    errors.push([
      'SUBMIT_VALIDATION_MAX_LENGTH',
      `Your title must be at most ${rules.title_text_max_length} characters. `,
      'title',
    ]);
  const bodyWords = rules.body_blacklisted_strings.filter((w) => has(text, w));
  if (bodyWords.length > 0)
    errors.push([
      'SUBMIT_VALIDATION_BODY_BLACKLISTED_STRING',
      `Your post must not contain ${quoted(bodyWords)}. `,
      'text',
    ]);
  if (rules.body_restriction_policy === 'required' && kind === 'self' && text.trim() === '')
    errors.push(['SUBMIT_VALIDATION_BODY_REQUIRED', 'This community requires a post body. ', 'text']);
  if (rules.body_restriction_policy === 'notAllowed' && text.trim() !== '')
    errors.push([
      'SUBMIT_VALIDATION_BODY_NOT_ALLOWED',
      'This community does not allow a post body. ',
      'text',
    ]);
  if (kind === 'link' && URL.canParse(url)) {
    const host = new URL(url).hostname;
    const under = (domain: string) => host === domain || host.endsWith(`.${domain}`);
    if (rules.domain_whitelist.length > 0 && !rules.domain_whitelist.some(under))
      errors.push([
        'SUBMIT_VALIDATION_LINK_WHITELIST',
        `Links must be from ${rules.domain_whitelist.join(', ')}. `,
        'url',
      ]);
    if (rules.domain_blacklist.some(under))
      errors.push(['SUBMIT_VALIDATION_LINK_BLACKLIST', `Links from ${host} are not allowed. `, 'url']);
  }
  if (rules.is_flair_required && !form.get('flair_id') && !form.get('flair_text'))
    errors.push(['SUBMIT_VALIDATION_FLAIR_REQUIRED', 'Post must contain post flair. ', 'flair']);
  return errors;
}
