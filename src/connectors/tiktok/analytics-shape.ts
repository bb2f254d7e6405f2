import type { AnalyticsSamples, Metrics, SampleSeed } from '../analytics-types.ts';
import { sampleNumbers } from '../shared/sample-numbers.ts';

/**
 * TikTok's Display API answers in Ayrshare's shape (`videoViews`, `shareCount`,
 * `likes`, `comments`…). The Display API gives counts only: reach, watch time and
 * audience breakdowns belong to TikTok's Business API, which Herald does not call.
 */
export const VIDEO_FIELDS =
  'id,create_time,cover_image_url,share_url,video_description,duration,title,embed_link,like_count,comment_count,share_count,view_count';
export const USER_FIELDS =
  'open_id,union_id,avatar_url,display_name,bio_description,profile_deep_link,is_verified,username,follower_count,following_count,likes_count,video_count';

const count = (value: unknown) => (typeof value === 'number' ? value : 0);
const created = (value: unknown) =>
  typeof value === 'number' ? new Date(value * 1000).toISOString() : undefined;

export function videoAnalytics(video: Record<string, unknown>): Metrics {
  return {
    post: video.video_description ?? video.title,
    created: created(video.create_time),
    coverImageUrl: video.cover_image_url,
    embedUrl: video.embed_link,
    duration: video.duration,
    videoViews: count(video.view_count),
    likes: count(video.like_count),
    comments: count(video.comment_count),
    shareCount: count(video.share_count),
  };
}

export function videoItem(video: Record<string, unknown>): Metrics {
  return {
    id: video.id,
    post: video.video_description ?? video.title,
    postUrl: video.share_url,
    created: created(video.create_time),
    videoViews: count(video.view_count),
    likeCount: count(video.like_count),
    commentsCount: count(video.comment_count),
    shareCount: count(video.share_count),
  };
}

export function userAnalytics(user: Record<string, unknown>): Metrics {
  return {
    displayName: user.display_name,
    username: user.username,
    bio: user.bio_description,
    isVerified: user.is_verified,
    profileUrl: user.profile_deep_link,
    followerCount: count(user.follower_count),
    followingCount: count(user.following_count),
    likesCount: count(user.likes_count),
    videoCount: count(user.video_count),
  };
}

function sampleVideo(seed: SampleSeed): Record<string, unknown> {
  const n = sampleNumbers(seed.id);
  return {
    id: seed.id,
    create_time: Math.floor(Date.parse(seed.created) / 1000),
    share_url: seed.postUrl,
    cover_image_url: `${seed.postUrl}/cover.jpeg`,
    embed_link: `${seed.postUrl}/embed`,
    video_description: seed.text,
    duration: 15 + (n.views % 45),
    view_count: n.views,
    like_count: n.likes,
    comment_count: n.comments,
    share_count: n.shares,
  };
}

export const TIKTOK_SAMPLES: AnalyticsSamples = {
  post: (seed) => videoAnalytics(sampleVideo(seed)),
  account(seed) {
    const n = sampleNumbers(seed.id);
    return userAnalytics({
      display_name: seed.text,
      username: seed.username,
      bio_description: '',
      profile_deep_link: `https://vm.tiktok.com/${seed.username}`,
      is_verified: false,
      follower_count: n.followers,
      following_count: n.following,
      likes_count: n.likes * 20,
      video_count: n.posts,
    });
  },
  historyItem: (seed) => videoItem(sampleVideo(seed)),
};
