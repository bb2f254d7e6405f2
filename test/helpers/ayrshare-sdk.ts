/**
 * The wire format of Ayrshare's npm SDK (`social-media-api`, index.js) for its media
 * methods, over fetch instead of got: every body gets `source: "npm"`, every GET gets
 * `?source=npm` and its params in the query (arrays as `key[0]=a`), and the body is read
 * whatever the status. Method names and paths are the SDK's own.
 */
export function ayrshareSdk(baseUrl: string, apiKey: string, profileKey?: string) {
  const headers = {
    'Content-Type': 'application/json',
    Authorization: `Bearer ${apiKey}`,
    ...(profileKey ? { 'Profile-Key': profileKey } : {}),
  };
  const buildParams = (data: Record<string, unknown>) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(data)) {
      if (!Array.isArray(value)) params.append(key, String(value));
      else for (const [i, v] of value.entries()) params.append(`${key}[${i}]`, String(v));
    }
    return params.toString();
  };
  const read = async (res: Response) => ({ status: res.status, body: await res.json() });
  const doPost = (endpoint: string, data: Record<string, unknown>) =>
    fetch(`${baseUrl}/api/${endpoint}`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ ...data, source: 'npm' }),
    }).then(read);
  const doGet = (endpoint: string, params?: Record<string, unknown>) =>
    fetch(`${baseUrl}/api/${endpoint}?${params ? buildParams({ ...params, source: 'npm' }) : 'source=npm'}`, {
      headers,
    }).then(read);
  return {
    upload: (data: { file: string; fileName?: string; description?: string }) => doPost('upload', data),
    media: (params?: Record<string, unknown>) => doGet('media', params),
    mediaUploadUrl: (params: { fileName: string; contentType: string }) => doGet('media/uploadUrl', params),
    mediaMeta: (params: { url: string }) => doGet('media/meta', params),
    resizeImage: (data: Record<string, unknown>) => doPost('media/resize', data),
    verifyMediaExists: (data: { mediaUrl: string }) => doPost('media/urlExists', data),
  };
}
