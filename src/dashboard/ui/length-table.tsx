import { type Json, text } from './api.ts';

/**
 * POST /api/validate/postLength's answer for the chosen networks: `<network>WeightedLength`,
 * `<network>Valid` (Ayrshare's spellings, tikTok and linkedIn, matched without case) and
 * `maxCharLimits.<network>`.
 */
function field(answer: Json, platform: string, suffix: string): unknown {
  const wanted = `${platform}${suffix}`.toLowerCase();
  const key = Object.keys(answer).find((k) => k.toLowerCase() === wanted);
  return key === undefined ? undefined : answer[key];
}

export function LengthTable({
  lengths,
  platforms,
}: {
  lengths: Json | undefined;
  platforms: readonly string[];
}) {
  if (!lengths || platforms.length === 0) return null;
  const limits = (lengths.maxCharLimits ?? {}) as Json;
  return (
    <table class="lengths">
      <caption>Length as each network counts it</caption>
      <thead>
        <tr>
          <th scope="col">Network</th>
          <th scope="col">Length</th>
          <th scope="col">Limit</th>
          <th scope="col">Fits</th>
        </tr>
      </thead>
      <tbody>
        {platforms.map((p) => {
          const fits = field(lengths, p, 'Valid');
          return (
            <tr key={p} data-platform={p} class={fits === false ? 'too-long' : ''}>
              <td>{p}</td>
              <td>{text(field(lengths, p, 'WeightedLength'))}</td>
              <td>{text(limits[p])}</td>
              <td>{fits === false ? 'too long' : 'yes'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
