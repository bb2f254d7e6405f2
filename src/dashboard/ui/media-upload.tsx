import { useState } from 'preact/hooks';
import { type Answer, api, failure, text } from './api.ts';
import { Failure, Status } from './components.tsx';
import { CrawlerVerdict } from './crawler-verdict.tsx';

/**
 * A file into the profile's library (multipart POST /api/media/upload), then its URL
 * checked the way the chosen networks' crawlers will fetch it (POST /api/media/verify).
 */
export function MediaUpload({
  platforms,
  onUploaded,
}: {
  platforms: string[];
  onUploaded: (url: string) => void;
}) {
  const [state, setState] = useState<'idle' | 'uploading' | 'checking'>('idle');
  const [upload, setUpload] = useState<Answer | undefined>();
  const [verify, setVerify] = useState<Answer | undefined>();
  return (
    <div>
      <label for="media-file">Add an image or a video</label>{' '}
      <input
        id="media-file"
        type="file"
        accept="image/*,video/*"
        onChange={async (e) => {
          const file = e.currentTarget.files?.[0];
          if (!file) return;
          const form = new FormData();
          form.append('file', file, file.name);
          setState('uploading');
          setVerify(undefined);
          const uploaded = await api('POST', '/api/media/upload', form);
          setUpload(uploaded);
          if (uploaded.status !== 200) return setState('idle');
          const url = text(uploaded.body.url);
          onUploaded(url);
          setState('checking');
          setVerify(await api('POST', '/api/media/verify', { mediaUrl: url, platforms }));
          setState('idle');
        }}
      />
      {state === 'uploading' ? <Status message="Uploading…" /> : null}
      {state === 'checking' ? <Status message="Checking as each network’s crawler…" /> : null}
      {upload ? <Failure error={failure(upload)} /> : null}
      {verify ? (
        failure(verify) ? (
          <Failure error={failure(verify)} />
        ) : (
          <CrawlerVerdict verification={verify.body} />
        )
      ) : null}
    </div>
  );
}
