"""The typed face of `Client.submit`/`generate` and `SyncClient.submit`/`generate`: one
overload per model of the table, its fields keyword-only with their types and allowed values,
for editors and type checkers.

Generated from the model table by `python -m aiovideo.core._data.generate_typed` (see that
script for what is typed and how, and why the overload for known ids with any fields); do not
edit by hand. The overloads live under TYPE_CHECKING: at run time `typed_async`, `typed_sync`
and `untyped` give back what they are given, and importing this costs nothing more.
"""

# ruff: noqa: E501
# mypy: disable-error-code="overload-overlap"
# Generated: Literal lists run past the line length, and the overload for known ids with any
# fields overlaps theirs on purpose (it is tried only once theirs do not fit).

from __future__ import annotations

from collections.abc import Callable, Coroutine, Mapping
from typing import TYPE_CHECKING, Any, Literal, Protocol, TypeAlias, TypeVar, cast, overload

__all__ = ["typed_async", "typed_sync", "untyped"]

R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)

if TYPE_CHECKING:
    from os import PathLike

    from typing_extensions import deprecated

    from aiovideo.core._request import VideoRequest

    #: An image input: an http(s) or data URL, a local path, or the bytes.
    Image: TypeAlias = str | bytes | bytearray | memoryview | PathLike[str]

    class FieldsDoNotFitTheModel:
        """What `submit`/`generate` give, for type checkers, when the fields do not fit a
        known model: not awaitable, not a Job (so the mistake is a type error)."""

    class Submit(Protocol[R_co]):
        """`submit`/`generate`, typed per model (`R_co`: what the call returns)."""

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["alibaba/happyhorse-1-0"],
            prompt: str,
            image_url: Image | None = ...,
            reference_image_urls: list[Image] | tuple[Image, ...] | None = ...,
            video_url: str | None = ...,
            aspect_ratio: Literal["16:9", "9:16", "1:1", "4:3", "3:4"] | None = "16:9",
            resolution: Literal["720p", "1080p"] | None = "1080p",
            duration: Literal[3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15] | None = 10,
            audio_setting: Literal["auto", "origin"] | None = "auto",
            seed: int | None = ...,
            watermark: bool | None = False,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit alibaba/happyhorse-1-0's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), image_url, reference_image_urls, video_url, aspect_ratio, resolution, duration, audio_setting, seed, watermark; aiovideo.model_info('alibaba/happyhorse-1-0') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["alibaba/happyhorse-1-0"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["alibaba/happyhorse-1.1"],
            prompt: str,
            image_url: Image | None = ...,
            reference_image_urls: list[Image] | tuple[Image, ...] | None = ...,
            aspect_ratio: Literal["16:9", "9:16", "1:1", "4:3", "3:4"] | None = "16:9",
            resolution: Literal["720p", "1080p"] | None = "1080p",
            duration: Literal[3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15] | None = 10,
            seed: int | None = ...,
            watermark: bool | None = False,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit alibaba/happyhorse-1.1's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), image_url, reference_image_urls, aspect_ratio, resolution, duration, seed, watermark; aiovideo.model_info('alibaba/happyhorse-1.1') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["alibaba/happyhorse-1.1"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["alibaba/wan-2-6-i2v"],
            prompt: str,
            image_url: Image,
            audio_url: str | None = ...,
            resolution: Literal["720p", "1080p"] | None = "1080p",
            duration: Literal[5, 10, 15] | None = 10,
            negative_prompt: str | None = ...,
            shot_type: Literal["single", "multi"] | None = "single",
            generate_audio: bool | None = True,
            seed: int | None = ...,
            enhance_prompt: bool | None = True,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit alibaba/wan-2-6-i2v's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), image_url (required), audio_url, resolution, duration, negative_prompt, shot_type, generate_audio, seed, enhance_prompt; aiovideo.model_info('alibaba/wan-2-6-i2v') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["alibaba/wan-2-6-i2v"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["alibaba/wan-2-6-image-to-video-flash"],
            prompt: str,
            image_url: Image,
            audio_url: str | None = ...,
            resolution: Literal["720p", "1080p"] | None = "720p",
            duration: Literal[5, 10, 15] | None = 10,
            negative_prompt: str | None = ...,
            shot_type: Literal["single", "multi"] | None = "single",
            generate_audio: bool | None = True,
            seed: int | None = ...,
            enhance_prompt: bool | None = True,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit alibaba/wan-2-6-image-to-video-flash's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), image_url (required), audio_url, resolution, duration, negative_prompt, shot_type, generate_audio, seed, enhance_prompt; aiovideo.model_info('alibaba/wan-2-6-image-to-video-flash') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["alibaba/wan-2-6-image-to-video-flash"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["alibaba/wan-2-6-r2v"],
            prompt: str,
            video_urls: list[str] | tuple[str, ...],
            aspect_ratio: Literal["16:9", "9:16", "1:1", "4:3", "3:4"] | None = "16:9",
            resolution: Literal["720p", "1080p"] | None = "1080p",
            duration: Literal[5, 10, 15] | None = 10,
            negative_prompt: str | None = ...,
            shot_type: Literal["single", "multi"] | None = "single",
            seed: int | None = ...,
            enhance_prompt: bool | None = True,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit alibaba/wan-2-6-r2v's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), video_urls (required), aspect_ratio, resolution, duration, negative_prompt, shot_type, seed, enhance_prompt; aiovideo.model_info('alibaba/wan-2-6-r2v') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["alibaba/wan-2-6-r2v"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["alibaba/wan-2-6-t2v"],
            prompt: str,
            audio_url: str | None = ...,
            aspect_ratio: Literal["16:9", "9:16", "1:1", "4:3", "3:4"] | None = "16:9",
            resolution: Literal["720p", "1080p"] | None = "1080p",
            duration: Literal[5, 10, 15] | None = 10,
            negative_prompt: str | None = ...,
            shot_type: Literal["single", "multi"] | None = "single",
            generate_audio: bool | None = True,
            seed: int | None = ...,
            enhance_prompt: bool | None = True,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit alibaba/wan-2-6-t2v's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), audio_url, aspect_ratio, resolution, duration, negative_prompt, shot_type, generate_audio, seed, enhance_prompt; aiovideo.model_info('alibaba/wan-2-6-t2v') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["alibaba/wan-2-6-t2v"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["alibaba/wan-2-7-i2v"],
            prompt: str,
            image_url: Image,
            audio_url: str | None = ...,
            resolution: Literal["720p", "1080p"] | None = "1080p",
            duration: Literal[5, 10, 15] | None = 10,
            enable_prompt_expansion: bool | None = True,
            enhance_prompt: bool | None = True,
            negative_prompt: str | None = ...,
            seed: int | None = ...,
            watermark: bool | None = False,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit alibaba/wan-2-7-i2v's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), image_url (required), audio_url, resolution, duration, enable_prompt_expansion, enhance_prompt, negative_prompt, seed, watermark; aiovideo.model_info('alibaba/wan-2-7-i2v') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["alibaba/wan-2-7-i2v"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["alibaba/wan-2-7-r2v"],
            prompt: str,
            first_frame_image: Image | None = ...,
            image_urls: list[Image] | tuple[Image, ...] | None = ...,
            video_urls: list[str] | tuple[str, ...] | None = ...,
            aspect_ratio: Literal["16:9", "9:16", "1:1", "4:3", "3:4"] | None = "16:9",
            resolution: Literal["720p", "1080p"] | None = "1080p",
            duration: Literal[5, 10, 15] | None = 10,
            enhance_prompt: bool | None = True,
            negative_prompt: str | None = ...,
            seed: int | None = ...,
            watermark: bool | None = False,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit alibaba/wan-2-7-r2v's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), first_frame_image, image_urls, video_urls, aspect_ratio, resolution, duration, enhance_prompt, negative_prompt, seed, watermark; aiovideo.model_info('alibaba/wan-2-7-r2v') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["alibaba/wan-2-7-r2v"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["alibaba/wan-2-7-t2v"],
            prompt: str,
            audio_url: str | None = ...,
            aspect_ratio: Literal["16:9", "9:16", "1:1", "4:3", "3:4"] | None = "16:9",
            resolution: Literal["720p", "1080p"] | None = "1080p",
            duration: Literal[5, 10, 15] | None = 10,
            negative_prompt: str | None = ...,
            shot_type: Literal["single", "multi"] | None = "single",
            generate_audio: bool | None = True,
            seed: int | None = ...,
            enhance_prompt: bool | None = True,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit alibaba/wan-2-7-t2v's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), audio_url, aspect_ratio, resolution, duration, negative_prompt, shot_type, generate_audio, seed, enhance_prompt; aiovideo.model_info('alibaba/wan-2-7-t2v') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["alibaba/wan-2-7-t2v"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["alibaba/wan2.1-t2v-plus"],
            prompt: str,
            resolution: Literal["720P"] | None = "720P",
            aspect_ratio: Literal["16:9", "9:16", "1:1", "4:3", "3:4"] | None = "16:9",
            negative_prompt: str | None = ...,
            watermark: bool | None = False,
            seed: int | None = ...,
            enhance_prompt: bool | None = True,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit alibaba/wan2.1-t2v-plus's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), resolution, aspect_ratio, negative_prompt, watermark, seed, enhance_prompt; aiovideo.model_info('alibaba/wan2.1-t2v-plus') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["alibaba/wan2.1-t2v-plus"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["alibaba/wan2.1-t2v-turbo"],
            prompt: str,
            resolution: Literal["480P", "720P"] | None = "720P",
            aspect_ratio: Literal["16:9", "9:16", "1:1", "4:3", "3:4"] | None = "16:9",
            negative_prompt: str | None = ...,
            watermark: bool | None = False,
            seed: int | None = ...,
            enhance_prompt: bool | None = True,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit alibaba/wan2.1-t2v-turbo's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), resolution, aspect_ratio, negative_prompt, watermark, seed, enhance_prompt; aiovideo.model_info('alibaba/wan2.1-t2v-turbo') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["alibaba/wan2.1-t2v-turbo"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["alibaba/wan2.2-14b-animate-move"],
            video_url: str,
            image_url: Image,
            resolution: Literal["480p", "580p", "720p"] | None = "480p",
            num_inference_steps: int | None = 20,
            enable_safety_checker: bool | None = ...,
            shift: float | None = 5,
            video_quality: Literal["low", "medium", "high", "maximum"] | None = "high",
            video_write_mode: Literal["fast", "balanced", "small"] | None = "balanced",
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit alibaba/wan2.2-14b-animate-move's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: video_url (required), image_url (required), resolution, num_inference_steps, enable_safety_checker, shift, video_quality, video_write_mode; aiovideo.model_info('alibaba/wan2.2-14b-animate-move') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["alibaba/wan2.2-14b-animate-move"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["alibaba/wan2.2-14b-animate-replace"],
            video_url: str,
            image_url: Image,
            resolution: Literal["480p", "580p", "720p"] | None = "480p",
            num_inference_steps: int | None = 20,
            enable_safety_checker: bool | None = ...,
            shift: float | None = 5,
            video_quality: Literal["low", "medium", "high", "maximum"] | None = "high",
            video_write_mode: Literal["fast", "balanced", "small"] | None = "balanced",
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit alibaba/wan2.2-14b-animate-replace's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: video_url (required), image_url (required), resolution, num_inference_steps, enable_safety_checker, shift, video_quality, video_write_mode; aiovideo.model_info('alibaba/wan2.2-14b-animate-replace') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["alibaba/wan2.2-14b-animate-replace"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["alibaba/wan2.2-i2v-plus"],
            prompt: str,
            image_url: Image,
            resolution: Literal["480P", "1080P"] | None = "1080P",
            negative_prompt: str | None = ...,
            watermark: bool | None = False,
            seed: int | None = ...,
            enhance_prompt: bool | None = True,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit alibaba/wan2.2-i2v-plus's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), image_url (required), resolution, negative_prompt, watermark, seed, enhance_prompt; aiovideo.model_info('alibaba/wan2.2-i2v-plus') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["alibaba/wan2.2-i2v-plus"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["alibaba/wan2.2-t2v-plus"],
            prompt: str,
            resolution: Literal["480P", "1080P"] | None = "1080P",
            aspect_ratio: Literal["16:9", "9:16", "1:1", "4:3", "3:4"] | None = "16:9",
            negative_prompt: str | None = ...,
            watermark: bool | None = False,
            seed: int | None = ...,
            enhance_prompt: bool | None = True,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit alibaba/wan2.2-t2v-plus's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), resolution, aspect_ratio, negative_prompt, watermark, seed, enhance_prompt; aiovideo.model_info('alibaba/wan2.2-t2v-plus') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["alibaba/wan2.2-t2v-plus"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["alibaba/wan2.2-vace-fun-a14b-depth"],
            prompt: str,
            video_url: str,
            negative_prompt: str | None = "letterboxing, borders, black bars, bright colors, overexposed, static, blurred details, subtitles, style, artwork, painting, picture, still, overall gray, worst quality, low quality, JPEG compression residue, ugly, incomplete, extra fingers, poorly drawn hands, poorly drawn faces, deformed, disfigured, malformed limbs, fused fingers, still picture, cluttered background, three legs, many people in the background, walking backwards",
            match_input_num_frames: bool | None = ...,
            num_frames: int | None = 81,
            match_input_frames_per_second: bool | None = ...,
            frames_per_second: int | None = 16,
            resolution: Literal["480p", "580p", "720p"] | None = "480p",
            aspect_ratio: Literal["auto", "16:9", "1:1", "9:16"] | None = "auto",
            num_inference_steps: int | None = 30,
            guidance_scale: float | None = 5,
            shift: float | None = 5,
            enable_safety_checker: bool | None = ...,
            enable_prompt_expansion: bool | None = ...,
            preprocess: bool | None = ...,
            acceleration: Literal["none", "regular"] | None = "regular",
            video_quality: Literal["low", "medium", "high", "maximum"] | None = "high",
            video_write_mode: Literal["fast", "balanced", "small"] | None = "balanced",
            num_interpolated_frames: int | None = ...,
            temporal_downsample_factor: int | None = ...,
            enable_auto_downsample: bool | None = ...,
            auto_downsample_min_fps: float | None = 15,
            interpolator_model: Literal["rife", "film"] | None = "film",
            sync_mode: bool | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit alibaba/wan2.2-vace-fun-a14b-depth's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), video_url (required), negative_prompt, match_input_num_frames, num_frames, match_input_frames_per_second, frames_per_second, resolution, aspect_ratio, num_inference_steps, guidance_scale, shift, enable_safety_checker, enable_prompt_expansion, preprocess, acceleration, video_quality, video_write_mode, num_interpolated_frames, temporal_downsample_factor, enable_auto_downsample, auto_downsample_min_fps, interpolator_model, sync_mode; aiovideo.model_info('alibaba/wan2.2-vace-fun-a14b-depth') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["alibaba/wan2.2-vace-fun-a14b-depth"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["alibaba/wan2.2-vace-fun-a14b-inpainting"],
            prompt: str,
            video_url: str,
            negative_prompt: str | None = "letterboxing, borders, black bars, bright colors, overexposed, static, blurred details, subtitles, style, artwork, painting, picture, still, overall gray, worst quality, low quality, JPEG compression residue, ugly, incomplete, extra fingers, poorly drawn hands, poorly drawn faces, deformed, disfigured, malformed limbs, fused fingers, still picture, cluttered background, three legs, many people in the background, walking backwards",
            match_input_num_frames: bool | None = ...,
            num_frames: int | None = 81,
            match_input_frames_per_second: bool | None = ...,
            frames_per_second: int | None = 16,
            resolution: Literal["480p", "580p", "720p"] | None = "480p",
            aspect_ratio: Literal["auto", "16:9", "1:1", "9:16"] | None = "auto",
            num_inference_steps: int | None = 30,
            guidance_scale: float | None = 5,
            shift: float | None = 5,
            enable_safety_checker: bool | None = ...,
            enable_prompt_expansion: bool | None = ...,
            preprocess: bool | None = ...,
            acceleration: Literal["none", "regular"] | None = "regular",
            video_quality: Literal["low", "medium", "high", "maximum"] | None = "high",
            video_write_mode: Literal["fast", "balanced", "small"] | None = "balanced",
            num_interpolated_frames: int | None = ...,
            temporal_downsample_factor: int | None = ...,
            enable_auto_downsample: bool | None = ...,
            auto_downsample_min_fps: float | None = 15,
            interpolator_model: Literal["rife", "film"] | None = "film",
            sync_mode: bool | None = ...,
            image_list: list[Image] | tuple[Image, ...] | None = ...,
            mask_video_url: str | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit alibaba/wan2.2-vace-fun-a14b-inpainting's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), video_url (required), negative_prompt, match_input_num_frames, num_frames, match_input_frames_per_second, frames_per_second, resolution, aspect_ratio, num_inference_steps, guidance_scale, shift, enable_safety_checker, enable_prompt_expansion, preprocess, acceleration, video_quality, video_write_mode, num_interpolated_frames, temporal_downsample_factor, enable_auto_downsample, auto_downsample_min_fps, interpolator_model, sync_mode, image_list, mask_video_url; aiovideo.model_info('alibaba/wan2.2-vace-fun-a14b-inpainting') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["alibaba/wan2.2-vace-fun-a14b-inpainting"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["alibaba/wan2.2-vace-fun-a14b-outpainting"],
            prompt: str,
            video_url: str,
            negative_prompt: str | None = "letterboxing, borders, black bars, bright colors, overexposed, static, blurred details, subtitles, style, artwork, painting, picture, still, overall gray, worst quality, low quality, JPEG compression residue, ugly, incomplete, extra fingers, poorly drawn hands, poorly drawn faces, deformed, disfigured, malformed limbs, fused fingers, still picture, cluttered background, three legs, many people in the background, walking backwards",
            match_input_num_frames: bool | None = ...,
            num_frames: int | None = 81,
            match_input_frames_per_second: bool | None = ...,
            frames_per_second: int | None = 16,
            resolution: Literal["480p", "580p", "720p"] | None = "480p",
            aspect_ratio: Literal["auto", "16:9", "1:1", "9:16"] | None = "auto",
            num_inference_steps: int | None = 30,
            guidance_scale: float | None = 5,
            shift: float | None = 5,
            enable_safety_checker: bool | None = ...,
            enable_prompt_expansion: bool | None = ...,
            preprocess: bool | None = ...,
            acceleration: Literal["none", "regular"] | None = "regular",
            video_quality: Literal["low", "medium", "high", "maximum"] | None = "high",
            video_write_mode: Literal["fast", "balanced", "small"] | None = "balanced",
            num_interpolated_frames: int | None = ...,
            temporal_downsample_factor: int | None = ...,
            enable_auto_downsample: bool | None = ...,
            auto_downsample_min_fps: float | None = 15,
            interpolator_model: Literal["rife", "film"] | None = "film",
            sync_mode: bool | None = ...,
            expand_left: bool | None = True,
            expand_right: bool | None = True,
            expand_top: bool | None = True,
            expand_bottom: bool | None = True,
            expand_ratio: float | None = 0.25,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit alibaba/wan2.2-vace-fun-a14b-outpainting's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), video_url (required), negative_prompt, match_input_num_frames, num_frames, match_input_frames_per_second, frames_per_second, resolution, aspect_ratio, num_inference_steps, guidance_scale, shift, enable_safety_checker, enable_prompt_expansion, preprocess, acceleration, video_quality, video_write_mode, num_interpolated_frames, temporal_downsample_factor, enable_auto_downsample, auto_downsample_min_fps, interpolator_model, sync_mode, expand_left, expand_right, expand_top, expand_bottom, expand_ratio; aiovideo.model_info('alibaba/wan2.2-vace-fun-a14b-outpainting') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["alibaba/wan2.2-vace-fun-a14b-outpainting"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["alibaba/wan2.2-vace-fun-a14b-pose"],
            prompt: str,
            video_url: str,
            negative_prompt: str | None = "letterboxing, borders, black bars, bright colors, overexposed, static, blurred details, subtitles, style, artwork, painting, picture, still, overall gray, worst quality, low quality, JPEG compression residue, ugly, incomplete, extra fingers, poorly drawn hands, poorly drawn faces, deformed, disfigured, malformed limbs, fused fingers, still picture, cluttered background, three legs, many people in the background, walking backwards",
            match_input_num_frames: bool | None = ...,
            num_frames: int | None = 81,
            match_input_frames_per_second: bool | None = ...,
            frames_per_second: int | None = 16,
            resolution: Literal["480p", "580p", "720p"] | None = "480p",
            aspect_ratio: Literal["auto", "16:9", "1:1", "9:16"] | None = "auto",
            num_inference_steps: int | None = 30,
            guidance_scale: float | None = 5,
            shift: float | None = 5,
            enable_safety_checker: bool | None = ...,
            enable_prompt_expansion: bool | None = ...,
            preprocess: bool | None = ...,
            acceleration: Literal["none", "regular"] | None = "regular",
            video_quality: Literal["low", "medium", "high", "maximum"] | None = "high",
            video_write_mode: Literal["fast", "balanced", "small"] | None = "balanced",
            num_interpolated_frames: int | None = ...,
            temporal_downsample_factor: int | None = ...,
            enable_auto_downsample: bool | None = ...,
            auto_downsample_min_fps: float | None = 15,
            interpolator_model: Literal["rife", "film"] | None = "film",
            sync_mode: bool | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit alibaba/wan2.2-vace-fun-a14b-pose's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), video_url (required), negative_prompt, match_input_num_frames, num_frames, match_input_frames_per_second, frames_per_second, resolution, aspect_ratio, num_inference_steps, guidance_scale, shift, enable_safety_checker, enable_prompt_expansion, preprocess, acceleration, video_quality, video_write_mode, num_interpolated_frames, temporal_downsample_factor, enable_auto_downsample, auto_downsample_min_fps, interpolator_model, sync_mode; aiovideo.model_info('alibaba/wan2.2-vace-fun-a14b-pose') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["alibaba/wan2.2-vace-fun-a14b-pose"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["alibaba/wan2.2-vace-fun-a14b-reframe"],
            video_url: str,
            prompt: str | None = ...,
            negative_prompt: str | None = "letterboxing, borders, black bars, bright colors, overexposed, static, blurred details, subtitles, style, artwork, painting, picture, still, overall gray, worst quality, low quality, JPEG compression residue, ugly, incomplete, extra fingers, poorly drawn hands, poorly drawn faces, deformed, disfigured, malformed limbs, fused fingers, still picture, cluttered background, three legs, many people in the background, walking backwards",
            match_input_num_frames: bool | None = ...,
            num_frames: int | None = 81,
            match_input_frames_per_second: bool | None = ...,
            frames_per_second: int | None = 16,
            resolution: Literal["480p", "580p", "720p"] | None = "480p",
            aspect_ratio: Literal["auto", "16:9", "1:1", "9:16"] | None = "auto",
            num_inference_steps: int | None = 30,
            guidance_scale: float | None = 5,
            shift: float | None = 5,
            enable_safety_checker: bool | None = ...,
            enable_prompt_expansion: bool | None = ...,
            preprocess: bool | None = ...,
            acceleration: Literal["none", "regular"] | None = "regular",
            video_quality: Literal["low", "medium", "high", "maximum"] | None = "high",
            video_write_mode: Literal["fast", "balanced", "small"] | None = "balanced",
            num_interpolated_frames: int | None = ...,
            temporal_downsample_factor: int | None = ...,
            enable_auto_downsample: bool | None = ...,
            auto_downsample_min_fps: float | None = 15,
            interpolator_model: Literal["rife", "film"] | None = "film",
            sync_mode: bool | None = ...,
            zoom_factor: float | None = ...,
            trim_borders: bool | None = True,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit alibaba/wan2.2-vace-fun-a14b-reframe's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt, video_url (required), negative_prompt, match_input_num_frames, num_frames, match_input_frames_per_second, frames_per_second, resolution, aspect_ratio, num_inference_steps, guidance_scale, shift, enable_safety_checker, enable_prompt_expansion, preprocess, acceleration, video_quality, video_write_mode, num_interpolated_frames, temporal_downsample_factor, enable_auto_downsample, auto_downsample_min_fps, interpolator_model, sync_mode, zoom_factor, trim_borders; aiovideo.model_info('alibaba/wan2.2-vace-fun-a14b-reframe') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["alibaba/wan2.2-vace-fun-a14b-reframe"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["alibaba/wan2.5-i2v-preview"],
            prompt: str,
            image_url: Image,
            resolution: Literal["480p", "720p", "1080p"] | None = "1080p",
            aspect_ratio: Literal["16:9", "9:16", "1:1"] | None = "16:9",
            duration: Literal[5, 10] | None = 10,
            negative_prompt: str | None = ...,
            seed: int | None = ...,
            enhance_prompt: bool | None = True,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit alibaba/wan2.5-i2v-preview's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), image_url (required), resolution, aspect_ratio, duration, negative_prompt, seed, enhance_prompt; aiovideo.model_info('alibaba/wan2.5-i2v-preview') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["alibaba/wan2.5-i2v-preview"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["alibaba/wan2.5-t2v-preview"],
            prompt: str,
            resolution: Literal["480p", "720p", "1080p"] | None = "1080p",
            aspect_ratio: Literal["16:9", "9:16", "1:1"] | None = "16:9",
            duration: Literal[5, 10] | None = 10,
            negative_prompt: str | None = ...,
            seed: int | None = ...,
            enhance_prompt: bool | None = True,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit alibaba/wan2.5-t2v-preview's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), resolution, aspect_ratio, duration, negative_prompt, seed, enhance_prompt; aiovideo.model_info('alibaba/wan2.5-t2v-preview') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["alibaba/wan2.5-t2v-preview"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["beeble/switchx-video-to-video"],
            video_url: str,
            alpha_url: Image | None = ...,
            reference_image_url: Image | None = ...,
            alpha_mode: Literal["auto", "fill", "custom", "select"] | None = "auto",
            max_resolution: Literal[720, 1080] | None = 1080,
            alpha_keyframe_index: int | None = ...,
            seed: int | None = ...,
            prompt: str | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit beeble/switchx-video-to-video's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: video_url (required), alpha_url, reference_image_url, alpha_mode, max_resolution, alpha_keyframe_index, seed, prompt; aiovideo.model_info('beeble/switchx-video-to-video') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["beeble/switchx-video-to-video"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["blackforestlabs/flux-3-video-draft-i2v"],
            prompt: str,
            image_url: Image,
            aspect_ratio: Literal["auto", "21:9", "2:1", "16:9", "4:3", "1:1", "3:4", "9:16"] | None = "auto",
            duration: int | None = 5,
            generate_audio: bool | None = True,
            safety_tolerance: int | None = 2,
            last_image_url: Image | None = ...,
            image_urls: list[Image] | tuple[Image, ...] | None = ...,
            resolution: Literal["hd"] | None = "hd",
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit blackforestlabs/flux-3-video-draft-i2v's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), aspect_ratio, duration, generate_audio, safety_tolerance, image_url (required), last_image_url, image_urls, resolution; aiovideo.model_info('blackforestlabs/flux-3-video-draft-i2v') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["blackforestlabs/flux-3-video-draft-i2v"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["blackforestlabs/flux-3-video-draft-t2v"],
            prompt: str,
            aspect_ratio: Literal["auto", "21:9", "2:1", "16:9", "4:3", "1:1", "3:4", "9:16"] | None = "auto",
            duration: int | None = 5,
            generate_audio: bool | None = True,
            safety_tolerance: int | None = 2,
            resolution: Literal["hd"] | None = "hd",
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit blackforestlabs/flux-3-video-draft-t2v's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), aspect_ratio, duration, generate_audio, safety_tolerance, resolution; aiovideo.model_info('blackforestlabs/flux-3-video-draft-t2v') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["blackforestlabs/flux-3-video-draft-t2v"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["blackforestlabs/flux-3-video-draft-v2v"],
            prompt: str,
            video_url: str,
            aspect_ratio: Literal["auto", "21:9", "2:1", "16:9", "4:3", "1:1", "3:4", "9:16"] | None = "auto",
            duration: int | None = 5,
            generate_audio: bool | None = True,
            safety_tolerance: int | None = 2,
            resolution: Literal["hd"] | None = "hd",
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit blackforestlabs/flux-3-video-draft-v2v's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), aspect_ratio, duration, generate_audio, safety_tolerance, video_url (required), resolution; aiovideo.model_info('blackforestlabs/flux-3-video-draft-v2v') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["blackforestlabs/flux-3-video-draft-v2v"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["blackforestlabs/flux-3-video-i2v"],
            prompt: str,
            image_url: Image,
            aspect_ratio: Literal["auto", "21:9", "2:1", "16:9", "4:3", "1:1", "3:4", "9:16"] | None = "auto",
            duration: int | None = 5,
            generate_audio: bool | None = True,
            safety_tolerance: int | None = 2,
            last_image_url: Image | None = ...,
            image_urls: list[Image] | tuple[Image, ...] | None = ...,
            resolution: Literal["hd", "fhd"] | None = "hd",
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit blackforestlabs/flux-3-video-i2v's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), aspect_ratio, duration, generate_audio, safety_tolerance, image_url (required), last_image_url, image_urls, resolution; aiovideo.model_info('blackforestlabs/flux-3-video-i2v') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["blackforestlabs/flux-3-video-i2v"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["blackforestlabs/flux-3-video-t2v"],
            prompt: str,
            aspect_ratio: Literal["auto", "21:9", "2:1", "16:9", "4:3", "1:1", "3:4", "9:16"] | None = "auto",
            duration: int | None = 5,
            generate_audio: bool | None = True,
            safety_tolerance: int | None = 2,
            resolution: Literal["hd", "fhd"] | None = "hd",
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit blackforestlabs/flux-3-video-t2v's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), aspect_ratio, duration, generate_audio, safety_tolerance, resolution; aiovideo.model_info('blackforestlabs/flux-3-video-t2v') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["blackforestlabs/flux-3-video-t2v"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["blackforestlabs/flux-3-video-v2v"],
            prompt: str,
            video_url: str,
            aspect_ratio: Literal["auto", "21:9", "2:1", "16:9", "4:3", "1:1", "3:4", "9:16"] | None = "auto",
            duration: int | None = 5,
            generate_audio: bool | None = True,
            safety_tolerance: int | None = 2,
            resolution: Literal["hd", "fhd"] | None = "hd",
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit blackforestlabs/flux-3-video-v2v's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), aspect_ratio, duration, generate_audio, safety_tolerance, video_url (required), resolution; aiovideo.model_info('blackforestlabs/flux-3-video-v2v') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["blackforestlabs/flux-3-video-v2v"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["bytedance/dreamina-seedance-2-0-mini"],
            prompt: str,
            provider: str | None = ...,
            image_url: Image | None = ...,
            last_image_url: Image | None = ...,
            audio_url: str | None = ...,
            video_url: str | None = ...,
            image_urls: list[Image] | tuple[Image, ...] | None = ...,
            audio_urls: list[str] | tuple[str, ...] | None = ...,
            video_urls: list[str] | tuple[str, ...] | None = ...,
            aspect_ratio: Literal["21:9", "16:9", "4:3", "1:1", "3:4", "9:16"] | None = "16:9",
            resolution: Literal["480p", "720p"] | None = "720p",
            duration: Literal[4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15] | None = 5,
            generate_audio: bool | None = True,
            seed: int | None = ...,
            watermark: bool | None = False,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit bytedance/dreamina-seedance-2-0-mini's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: provider, prompt (required), image_url, last_image_url, audio_url, video_url, image_urls, audio_urls, video_urls, aspect_ratio, resolution, duration, generate_audio, seed, watermark; aiovideo.model_info('bytedance/dreamina-seedance-2-0-mini') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["bytedance/dreamina-seedance-2-0-mini"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["bytedance/dreamina-seedance-2-5"],
            prompt: str,
            provider: str | None = ...,
            image_url: Image | None = ...,
            last_image_url: Image | None = ...,
            audio_url: str | None = ...,
            video_url: str | None = ...,
            image_urls: list[Image] | tuple[Image, ...] | None = ...,
            audio_urls: list[str] | tuple[str, ...] | None = ...,
            video_urls: list[str] | tuple[str, ...] | None = ...,
            aspect_ratio: Literal["21:9", "16:9", "4:3", "1:1", "3:4", "9:16"] | None = "16:9",
            resolution: Literal["480p", "720p"] | None = "720p",
            duration: Literal[4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30] | None = 5,
            generate_audio: bool | None = True,
            seed: int | None = ...,
            watermark: bool | None = False,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit bytedance/dreamina-seedance-2-5's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: provider, prompt (required), image_url, last_image_url, audio_url, video_url, image_urls, audio_urls, video_urls, aspect_ratio, resolution, duration, generate_audio, seed, watermark; aiovideo.model_info('bytedance/dreamina-seedance-2-5') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["bytedance/dreamina-seedance-2-5"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["bytedance/omnihuman"],
            image_url: Image,
            audio_url: str,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit bytedance/omnihuman's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: image_url (required), audio_url (required); aiovideo.model_info('bytedance/omnihuman') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["bytedance/omnihuman"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["bytedance/omnihuman/v1.5"],
            image_url: Image,
            audio_url: str,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit bytedance/omnihuman/v1.5's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: image_url (required), audio_url (required); aiovideo.model_info('bytedance/omnihuman/v1.5') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["bytedance/omnihuman/v1.5"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["bytedance/seedance-1-0-lite-i2v"],
            image_url: Image,
            prompt: str,
            resolution: Literal["480p", "720p", "1080p"] | None = "1080p",
            duration: Literal[5, 10] | None = ...,
            watermark: bool | None = False,
            seed: int | None = ...,
            camerafixed: bool | None = False,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit bytedance/seedance-1-0-lite-i2v's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: image_url (required), prompt (required), resolution, duration, watermark, seed, camerafixed; aiovideo.model_info('bytedance/seedance-1-0-lite-i2v') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["bytedance/seedance-1-0-lite-i2v"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["bytedance/seedance-1-0-lite-t2v"],
            prompt: str,
            resolution: Literal["480p", "720p", "1080p"] | None = "1080p",
            duration: Literal[5, 10] | None = ...,
            watermark: bool | None = False,
            seed: int | None = ...,
            camerafixed: bool | None = False,
            aspect_ratio: Literal["16:9", "4:3", "1:1", "3:4", "9:16", "21:9", "9:21"] | None = "16:9",
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit bytedance/seedance-1-0-lite-t2v's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), resolution, duration, watermark, seed, camerafixed, aspect_ratio; aiovideo.model_info('bytedance/seedance-1-0-lite-t2v') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["bytedance/seedance-1-0-lite-t2v"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["bytedance/seedance-1-0-pro-fast"],
            prompt: str,
            image_url: Image | None = ...,
            resolution: Literal["480p", "720p", "1080p"] | None = "1080p",
            duration: Literal[5, 10] | None = ...,
            watermark: bool | None = False,
            seed: int | None = ...,
            camerafixed: bool | None = False,
            last_image_url: Image | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit bytedance/seedance-1-0-pro-fast's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: image_url, prompt (required), resolution, duration, watermark, seed, camerafixed, last_image_url; aiovideo.model_info('bytedance/seedance-1-0-pro-fast') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["bytedance/seedance-1-0-pro-fast"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["bytedance/seedance-1-0-pro-i2v"],
            prompt: str,
            image_url: Image | None = ...,
            resolution: Literal["480p", "720p", "1080p"] | None = "1080p",
            duration: Literal[5, 10] | None = ...,
            watermark: bool | None = False,
            seed: int | None = ...,
            camerafixed: bool | None = False,
            last_image_url: Image | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit bytedance/seedance-1-0-pro-i2v's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: image_url, prompt (required), resolution, duration, watermark, seed, camerafixed, last_image_url; aiovideo.model_info('bytedance/seedance-1-0-pro-i2v') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["bytedance/seedance-1-0-pro-i2v"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["bytedance/seedance-1-0-pro-t2v"],
            prompt: str,
            image_url: Image | None = ...,
            resolution: Literal["480p", "720p", "1080p"] | None = "1080p",
            duration: Literal[5, 10] | None = ...,
            watermark: bool | None = False,
            seed: int | None = ...,
            camerafixed: bool | None = False,
            last_image_url: Image | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit bytedance/seedance-1-0-pro-t2v's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: image_url, prompt (required), resolution, duration, watermark, seed, camerafixed, last_image_url; aiovideo.model_info('bytedance/seedance-1-0-pro-t2v') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["bytedance/seedance-1-0-pro-t2v"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["bytedance/seedance-1-5-pro"],
            prompt: str,
            image_url: Image | None = ...,
            last_image_url: Image | None = ...,
            aspect_ratio: Literal["16:9", "4:3", "1:1", "3:4", "9:16", "21:9", "adaptive"] | None = "16:9",
            resolution: Literal["480p", "720p", "1080p"] | None = "720p",
            duration: Literal[4, 5, 6, 7, 8, 9, 10, 11, 12] | None = ...,
            seed: int | None = -1,
            camera_fixed: bool | None = False,
            watermark: bool | None = False,
            generate_audio: bool | None = True,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit bytedance/seedance-1-5-pro's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), image_url, last_image_url, aspect_ratio, resolution, duration, seed, camera_fixed, watermark, generate_audio; aiovideo.model_info('bytedance/seedance-1-5-pro') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["bytedance/seedance-1-5-pro"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["bytedance/seedance-2-0"],
            prompt: str,
            image_url: Image | None = ...,
            last_image_url: Image | None = ...,
            audio_url: str | None = ...,
            video_url: str | None = ...,
            image_urls: list[Image] | tuple[Image, ...] | None = ...,
            audio_urls: list[str] | tuple[str, ...] | None = ...,
            video_urls: list[str] | tuple[str, ...] | None = ...,
            aspect_ratio: Literal["21:9", "16:9", "4:3", "1:1", "3:4", "9:16"] | None = "16:9",
            resolution: Literal["480p", "720p", "1080p", "4k"] | None = "720p",
            duration: Literal[4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15] | None = 5,
            generate_audio: bool | None = True,
            seed: int | None = ...,
            watermark: bool | None = False,
            provider: str | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit bytedance/seedance-2-0's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), image_url, last_image_url, audio_url, video_url, image_urls, audio_urls, video_urls, aspect_ratio, resolution, duration, generate_audio, seed, watermark, provider; aiovideo.model_info('bytedance/seedance-2-0') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["bytedance/seedance-2-0"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["bytedance/seedance-2-0-fast"],
            prompt: str,
            image_url: Image | None = ...,
            last_image_url: Image | None = ...,
            image_urls: list[Image] | tuple[Image, ...] | None = ...,
            audio_urls: list[str] | tuple[str, ...] | None = ...,
            video_urls: list[str] | tuple[str, ...] | None = ...,
            aspect_ratio: Literal["21:9", "16:9", "4:3", "1:1", "3:4", "9:16"] | None = "16:9",
            resolution: Literal["480p", "720p"] | None = "720p",
            duration: Literal[4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15] | None = 8,
            generate_audio: bool | None = True,
            seed: int | None = ...,
            provider: str | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit bytedance/seedance-2-0-fast's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), image_url, last_image_url, image_urls, audio_urls, video_urls, aspect_ratio, resolution, duration, generate_audio, seed, provider; aiovideo.model_info('bytedance/seedance-2-0-fast') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["bytedance/seedance-2-0-fast"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["bytedance/seedance-2-5"],
            prompt: str,
            provider: str | None = ...,
            image_url: Image | None = ...,
            last_image_url: Image | None = ...,
            audio_url: str | None = ...,
            video_url: str | None = ...,
            image_urls: list[Image] | tuple[Image, ...] | None = ...,
            audio_urls: list[str] | tuple[str, ...] | None = ...,
            video_urls: list[str] | tuple[str, ...] | None = ...,
            aspect_ratio: Literal["21:9", "16:9", "4:3", "1:1", "3:4", "9:16"] | None = "16:9",
            resolution: Literal["480p", "720p"] | None = "720p",
            duration: Literal[4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30] | None = 5,
            generate_audio: bool | None = True,
            seed: int | None = ...,
            watermark: bool | None = False,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit bytedance/seedance-2-5's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: provider, prompt (required), image_url, last_image_url, audio_url, video_url, image_urls, audio_urls, video_urls, aspect_ratio, resolution, duration, generate_audio, seed, watermark; aiovideo.model_info('bytedance/seedance-2-5') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["bytedance/seedance-2-5"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["gen3a_turbo"],
            image_url: Image,
            prompt: str | None = ...,
            tail_image_url: Image | None = ...,
            aspect_ratio: Literal["16:9", "9:16"] | None = "16:9",
            duration: Literal[5, 10] | None = 5,
            seed: int | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit gen3a_turbo's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt, image_url (required), tail_image_url, aspect_ratio, duration, seed; aiovideo.model_info('gen3a_turbo') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["gen3a_turbo"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["google/gemini-omni-flash-preview"],
            prompt: str,
            image_url: Image | None = ...,
            image_urls: list[Image] | tuple[Image, ...] | None = ...,
            video_url: str | None = ...,
            audio_url: str | None = ...,
            previous_interaction_id: str | None = ...,
            task: Literal["text_to_video", "image_to_video", "reference_to_video", "edit"] | None = ...,
            aspect_ratio: Literal["16:9", "9:16"] | None = ...,
            duration: Literal[3, 4, 5, 6, 7, 8, 9, 10] | None = 8,
            delivery: Literal["uri"] | None = "uri",
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit google/gemini-omni-flash-preview's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), image_url, image_urls, video_url, audio_url, previous_interaction_id, task, aspect_ratio, duration, delivery; aiovideo.model_info('google/gemini-omni-flash-preview') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["google/gemini-omni-flash-preview"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["google/veo-3-1-lite-generate-preview"],
            prompt: str,
            image_url: Image | None = ...,
            last_image_url: Image | None = ...,
            aspect_ratio: Literal["16:9", "9:16"] | None = ...,
            resolution: Literal["720p", "1080p"] | None = "1080p",
            duration: Literal[4, 6, 8] | None = 8,
            generate_audio: bool | None = True,
            provider: str | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit google/veo-3-1-lite-generate-preview's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), image_url, last_image_url, aspect_ratio, resolution, duration, generate_audio, provider; aiovideo.model_info('google/veo-3-1-lite-generate-preview') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["google/veo-3-1-lite-generate-preview"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["google/veo-3.0-fast"],
            prompt: str,
            duration: Literal[4, 6, 8] | None = 8,
            aspect_ratio: Literal["16:9", "9:16"] | None = ...,
            resolution: Literal["720P", "1080P"] | None = "720P",
            negative_prompt: str | None = ...,
            seed: int | None = ...,
            enhance_prompt: bool | None = True,
            generate_audio: bool | None = True,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit google/veo-3.0-fast's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), duration, aspect_ratio, resolution, negative_prompt, seed, enhance_prompt, generate_audio; aiovideo.model_info('google/veo-3.0-fast') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["google/veo-3.0-fast"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["google/veo-3.0-i2v"],
            prompt: str,
            image_url: Image,
            duration: Literal[4, 6, 8] | None = 8,
            aspect_ratio: Literal["16:9", "9:16"] | None = ...,
            resolution: Literal["720P", "1080P"] | None = "720P",
            negative_prompt: str | None = ...,
            seed: int | None = ...,
            enhance_prompt: bool | None = True,
            generate_audio: bool | None = True,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit google/veo-3.0-i2v's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), image_url (required), duration, aspect_ratio, resolution, negative_prompt, seed, enhance_prompt, generate_audio; aiovideo.model_info('google/veo-3.0-i2v') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["google/veo-3.0-i2v"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["google/veo-3.0-i2v-fast"],
            prompt: str,
            image_url: Image,
            duration: Literal[4, 6, 8] | None = 8,
            aspect_ratio: Literal["16:9", "9:16"] | None = ...,
            resolution: Literal["720P", "1080P"] | None = "720P",
            negative_prompt: str | None = ...,
            seed: int | None = ...,
            enhance_prompt: bool | None = True,
            generate_audio: bool | None = True,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit google/veo-3.0-i2v-fast's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), image_url (required), duration, aspect_ratio, resolution, negative_prompt, seed, enhance_prompt, generate_audio; aiovideo.model_info('google/veo-3.0-i2v-fast') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["google/veo-3.0-i2v-fast"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["google/veo-3.1-first-last-image-to-video"],
            prompt: str,
            image_url: Image,
            last_image_url: Image,
            aspect_ratio: Literal["16:9", "9:16"] | None = ...,
            duration: Literal[4, 6, 8] | None = 8,
            resolution: Literal["720p", "1080p"] | None = "1080p",
            generate_audio: bool | None = True,
            provider: Literal["google", "fal", "auto"] | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit google/veo-3.1-first-last-image-to-video's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), image_url (required), last_image_url (required), aspect_ratio, duration, resolution, generate_audio, provider; aiovideo.model_info('google/veo-3.1-first-last-image-to-video') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["google/veo-3.1-first-last-image-to-video"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["google/veo-3.1-first-last-image-to-video-fast"],
            prompt: str,
            image_url: Image,
            last_image_url: Image,
            aspect_ratio: Literal["16:9", "9:16"] | None = ...,
            duration: Literal[4, 6, 8] | None = 8,
            resolution: Literal["720p", "1080p"] | None = "1080p",
            generate_audio: bool | None = True,
            provider: Literal["google", "fal", "auto"] | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit google/veo-3.1-first-last-image-to-video-fast's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), image_url (required), last_image_url (required), aspect_ratio, duration, resolution, generate_audio, provider; aiovideo.model_info('google/veo-3.1-first-last-image-to-video-fast') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["google/veo-3.1-first-last-image-to-video-fast"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["google/veo-3.1-i2v"],
            prompt: str,
            image_url: Image,
            aspect_ratio: Literal["16:9", "9:16"] | None = ...,
            duration: Literal[4, 6, 8] | None = 8,
            resolution: Literal["720p", "1080p"] | None = "1080p",
            generate_audio: bool | None = True,
            provider: Literal["google", "fal", "auto"] | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit google/veo-3.1-i2v's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), image_url (required), aspect_ratio, duration, resolution, generate_audio, provider; aiovideo.model_info('google/veo-3.1-i2v') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["google/veo-3.1-i2v"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["google/veo-3.1-i2v-fast"],
            prompt: str,
            image_url: Image,
            aspect_ratio: Literal["16:9", "9:16"] | None = ...,
            duration: Literal[4, 6, 8] | None = 8,
            resolution: Literal["720p", "1080p"] | None = "1080p",
            generate_audio: bool | None = True,
            provider: Literal["google", "fal", "auto"] | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit google/veo-3.1-i2v-fast's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), image_url (required), aspect_ratio, duration, resolution, generate_audio, provider; aiovideo.model_info('google/veo-3.1-i2v-fast') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["google/veo-3.1-i2v-fast"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["google/veo-3.1-lite-generate-001"],
            prompt: str,
            image_url: Image | None = ...,
            last_image_url: Image | None = ...,
            aspect_ratio: Literal["16:9", "9:16"] | None = ...,
            resolution: Literal["720P", "1080P"] | None = "720P",
            duration: Literal[4, 6, 8] | None = 8,
            generate_audio: bool | None = True,
            person_generation: Literal["dont_allow", "allow_adult"] | None = "allow_adult",
            tail_image_url: Image | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit google/veo-3.1-lite-generate-001's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), image_url, last_image_url, aspect_ratio, resolution, duration, generate_audio, person_generation, tail_image_url; aiovideo.model_info('google/veo-3.1-lite-generate-001') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["google/veo-3.1-lite-generate-001"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["google/veo-3.1-reference-to-video"],
            prompt: str,
            image_urls: list[Image] | tuple[Image, ...],
            duration: Literal[8] | None = ...,
            resolution: Literal["720p", "1080p"] | None = "1080p",
            generate_audio: bool | None = True,
            provider: Literal["google", "fal", "auto"] | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit google/veo-3.1-reference-to-video's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), image_urls (required), duration, resolution, generate_audio, provider; aiovideo.model_info('google/veo-3.1-reference-to-video') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["google/veo-3.1-reference-to-video"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["google/veo-3.1-t2v"],
            prompt: str,
            aspect_ratio: Literal["16:9", "9:16"] | None = ...,
            duration: Literal[4, 6, 8] | None = 8,
            resolution: Literal["720p", "1080p"] | None = "1080p",
            generate_audio: bool | None = True,
            seed: int | None = ...,
            auto_fix: bool | None = True,
            negative_prompt: str | None = ...,
            enhance_prompt: bool | None = True,
            provider: Literal["google", "fal", "auto"] | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit google/veo-3.1-t2v's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), aspect_ratio, duration, resolution, generate_audio, seed, auto_fix, negative_prompt, enhance_prompt, provider; aiovideo.model_info('google/veo-3.1-t2v') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["google/veo-3.1-t2v"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["google/veo-3.1-t2v-fast"],
            prompt: str,
            aspect_ratio: Literal["16:9", "9:16"] | None = ...,
            duration: Literal[4, 6, 8] | None = 8,
            resolution: Literal["720p", "1080p"] | None = "1080p",
            generate_audio: bool | None = True,
            seed: int | None = ...,
            auto_fix: bool | None = True,
            negative_prompt: str | None = ...,
            enhance_prompt: bool | None = True,
            provider: Literal["google", "fal", "auto"] | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit google/veo-3.1-t2v-fast's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), aspect_ratio, duration, resolution, generate_audio, seed, auto_fix, negative_prompt, enhance_prompt, provider; aiovideo.model_info('google/veo-3.1-t2v-fast') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["google/veo-3.1-t2v-fast"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["google/veo3"],
            prompt: str,
            duration: Literal[4, 6, 8] | None = 8,
            aspect_ratio: Literal["16:9", "9:16"] | None = ...,
            resolution: Literal["720P", "1080P"] | None = "720P",
            negative_prompt: str | None = ...,
            seed: int | None = ...,
            enhance_prompt: bool | None = True,
            generate_audio: bool | None = True,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit google/veo3's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), duration, aspect_ratio, resolution, negative_prompt, seed, enhance_prompt, generate_audio; aiovideo.model_info('google/veo3') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["google/veo3"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["google/veo3-1-extend-video"],
            prompt: str,
            video_url: str,
            aspect_ratio: Literal["auto", "16:9", "9:16"] | None = "auto",
            duration: Literal[7] | None = 7,
            resolution: Literal["720p"] | None = "720p",
            generate_audio: bool | None = True,
            auto_fix: bool | None = False,
            provider: str | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit google/veo3-1-extend-video's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), video_url (required), aspect_ratio, duration, resolution, generate_audio, auto_fix, provider; aiovideo.model_info('google/veo3-1-extend-video') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["google/veo3-1-extend-video"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["google/veo3-1-fast-extend-video"],
            prompt: str,
            video_url: str,
            aspect_ratio: Literal["auto", "16:9", "9:16"] | None = "auto",
            duration: Literal[7] | None = 7,
            resolution: Literal["720p"] | None = "720p",
            generate_audio: bool | None = True,
            auto_fix: bool | None = False,
            provider: str | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit google/veo3-1-fast-extend-video's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), video_url (required), aspect_ratio, duration, resolution, generate_audio, auto_fix, provider; aiovideo.model_info('google/veo3-1-fast-extend-video') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["google/veo3-1-fast-extend-video"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["kling-video/v1.5/pro/image-to-video"],
            image_url: Image,
            prompt: str | None = ...,
            tail_image_url: Image | None = ...,
            duration: Literal[5, 10] | None = 5,
            negative_prompt: str | None = ...,
            cfg_scale: float | None = ...,
            static_mask: Image | None = ...,
            dynamic_masks: list[Mapping[str, Any]] | tuple[Mapping[str, Any], ...] | None = ...,
            camera_control: Mapping[str, Any] | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit kling-video/v1.5/pro/image-to-video's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: image_url (required), prompt, tail_image_url, duration, negative_prompt, cfg_scale, static_mask, dynamic_masks, camera_control; aiovideo.model_info('kling-video/v1.5/pro/image-to-video') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["kling-video/v1.5/pro/image-to-video"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["kling-video/v1.5/pro/text-to-video"],
            prompt: str,
            aspect_ratio: Literal["16:9", "9:16", "1:1"] | None = "16:9",
            duration: Literal[5, 10] | None = ...,
            negative_prompt: str | None = ...,
            cfg_scale: float | None = ...,
            camera_control: Literal["down_back", "forward_up", "right_turn_forward", "left_turn_forward"] | None = ...,
            advanced_camera_control: Mapping[str, Any] | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit kling-video/v1.5/pro/text-to-video's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), aspect_ratio, duration, negative_prompt, cfg_scale, camera_control, advanced_camera_control; aiovideo.model_info('kling-video/v1.5/pro/text-to-video') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["kling-video/v1.5/pro/text-to-video"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["kling-video/v1.5/standard/image-to-video"],
            image_url: Image,
            prompt: str | None = ...,
            tail_image_url: Image | None = ...,
            duration: Literal[5, 10] | None = 5,
            negative_prompt: str | None = ...,
            cfg_scale: float | None = ...,
            static_mask: Image | None = ...,
            dynamic_masks: list[Mapping[str, Any]] | tuple[Mapping[str, Any], ...] | None = ...,
            camera_control: Mapping[str, Any] | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit kling-video/v1.5/standard/image-to-video's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: image_url (required), prompt, tail_image_url, duration, negative_prompt, cfg_scale, static_mask, dynamic_masks, camera_control; aiovideo.model_info('kling-video/v1.5/standard/image-to-video') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["kling-video/v1.5/standard/image-to-video"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["kling-video/v1.5/standard/text-to-video"],
            image_url: Image,
            prompt: str | None = ...,
            tail_image_url: Image | None = ...,
            duration: Literal[5, 10] | None = 5,
            negative_prompt: str | None = ...,
            cfg_scale: float | None = ...,
            static_mask: Image | None = ...,
            dynamic_masks: list[Mapping[str, Any]] | tuple[Mapping[str, Any], ...] | None = ...,
            camera_control: Mapping[str, Any] | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit kling-video/v1.5/standard/text-to-video's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: image_url (required), prompt, tail_image_url, duration, negative_prompt, cfg_scale, static_mask, dynamic_masks, camera_control; aiovideo.model_info('kling-video/v1.5/standard/text-to-video') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["kling-video/v1.5/standard/text-to-video"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["kling-video/v1.6/pro/image-to-video"],
            image_url: Image,
            prompt: str | None = ...,
            tail_image_url: Image | None = ...,
            duration: Literal[5, 10] | None = 5,
            negative_prompt: str | None = ...,
            cfg_scale: float | None = ...,
            static_mask: Image | None = ...,
            dynamic_masks: list[Mapping[str, Any]] | tuple[Mapping[str, Any], ...] | None = ...,
            camera_control: Mapping[str, Any] | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit kling-video/v1.6/pro/image-to-video's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: image_url (required), prompt, tail_image_url, duration, negative_prompt, cfg_scale, static_mask, dynamic_masks, camera_control; aiovideo.model_info('kling-video/v1.6/pro/image-to-video') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["kling-video/v1.6/pro/image-to-video"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["kling-video/v1.6/pro/text-to-video"],
            prompt: str,
            aspect_ratio: Literal["16:9", "9:16", "1:1"] | None = "16:9",
            duration: Literal[5, 10] | None = ...,
            negative_prompt: str | None = ...,
            cfg_scale: float | None = ...,
            camera_control: Literal["down_back", "forward_up", "right_turn_forward", "left_turn_forward"] | None = ...,
            advanced_camera_control: Mapping[str, Any] | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit kling-video/v1.6/pro/text-to-video's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), aspect_ratio, duration, negative_prompt, cfg_scale, camera_control, advanced_camera_control; aiovideo.model_info('kling-video/v1.6/pro/text-to-video') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["kling-video/v1.6/pro/text-to-video"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["kling-video/v1.6/standard/image-to-video"],
            image_url: Image,
            prompt: str,
            duration: Literal[5, 10] | None = 5,
            negative_prompt: str | None = ...,
            cfg_scale: float | None = ...,
            provider: str | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit kling-video/v1.6/standard/image-to-video's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: image_url (required), prompt (required), duration, negative_prompt, cfg_scale, provider; aiovideo.model_info('kling-video/v1.6/standard/image-to-video') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["kling-video/v1.6/standard/image-to-video"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["kling-video/v1.6/standard/multi-image-to-video"],
            image_list: list[Image] | tuple[Image, ...],
            prompt: str | None = ...,
            aspect_ratio: Literal["16:9", "9:16", "1:1"] | None = "16:9",
            duration: Literal[5, 10] | None = 5,
            negative_prompt: str | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit kling-video/v1.6/standard/multi-image-to-video's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: image_list (required), prompt, aspect_ratio, duration, negative_prompt; aiovideo.model_info('kling-video/v1.6/standard/multi-image-to-video') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["kling-video/v1.6/standard/multi-image-to-video"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["kling-video/v1.6/standard/text-to-video"],
            prompt: str,
            duration: Literal[5, 10] | None = 5,
            negative_prompt: str | None = ...,
            cfg_scale: float | None = ...,
            aspect_ratio: Literal["16:9", "9:16", "1:1"] | None = ...,
            provider: str | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit kling-video/v1.6/standard/text-to-video's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), duration, negative_prompt, cfg_scale, aspect_ratio, provider; aiovideo.model_info('kling-video/v1.6/standard/text-to-video') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["kling-video/v1.6/standard/text-to-video"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["kling-video/v1/pro/image-to-video"],
            image_url: Image,
            prompt: str | None = ...,
            tail_image_url: Image | None = ...,
            duration: Literal[5, 10] | None = 5,
            negative_prompt: str | None = ...,
            cfg_scale: float | None = ...,
            static_mask: Image | None = ...,
            dynamic_masks: list[Mapping[str, Any]] | tuple[Mapping[str, Any], ...] | None = ...,
            camera_control: Mapping[str, Any] | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit kling-video/v1/pro/image-to-video's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: image_url (required), prompt, tail_image_url, duration, negative_prompt, cfg_scale, static_mask, dynamic_masks, camera_control; aiovideo.model_info('kling-video/v1/pro/image-to-video') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["kling-video/v1/pro/image-to-video"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["kling-video/v1/pro/text-to-video"],
            prompt: str,
            aspect_ratio: Literal["16:9", "9:16", "1:1"] | None = "16:9",
            duration: Literal[5, 10] | None = ...,
            negative_prompt: str | None = ...,
            cfg_scale: float | None = ...,
            camera_control: Literal["down_back", "forward_up", "right_turn_forward", "left_turn_forward"] | None = ...,
            advanced_camera_control: Mapping[str, Any] | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit kling-video/v1/pro/text-to-video's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), aspect_ratio, duration, negative_prompt, cfg_scale, camera_control, advanced_camera_control; aiovideo.model_info('kling-video/v1/pro/text-to-video') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["kling-video/v1/pro/text-to-video"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["kling-video/v1/standard/image-to-video"],
            image_url: Image,
            prompt: str | None = ...,
            tail_image_url: Image | None = ...,
            duration: Literal[5, 10] | None = 5,
            negative_prompt: str | None = ...,
            cfg_scale: float | None = ...,
            static_mask: Image | None = ...,
            dynamic_masks: list[Mapping[str, Any]] | tuple[Mapping[str, Any], ...] | None = ...,
            camera_control: Mapping[str, Any] | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit kling-video/v1/standard/image-to-video's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: image_url (required), prompt, tail_image_url, duration, negative_prompt, cfg_scale, static_mask, dynamic_masks, camera_control; aiovideo.model_info('kling-video/v1/standard/image-to-video') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["kling-video/v1/standard/image-to-video"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["kling-video/v1/standard/text-to-video"],
            prompt: str,
            aspect_ratio: Literal["16:9", "9:16", "1:1"] | None = "16:9",
            duration: Literal[5, 10] | None = ...,
            negative_prompt: str | None = ...,
            cfg_scale: float | None = ...,
            camera_control: Literal["down_back", "forward_up", "right_turn_forward", "left_turn_forward"] | None = ...,
            advanced_camera_control: Mapping[str, Any] | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit kling-video/v1/standard/text-to-video's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), aspect_ratio, duration, negative_prompt, cfg_scale, camera_control, advanced_camera_control; aiovideo.model_info('kling-video/v1/standard/text-to-video') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["kling-video/v1/standard/text-to-video"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["kling-video/v2.1/pro/image-to-video"],
            image_url: Image,
            prompt: str | None = ...,
            duration: Literal[5, 10] | None = 5,
            negative_prompt: str | None = ...,
            cfg_scale: float | None = ...,
            static_mask: Image | None = ...,
            dynamic_masks: list[Mapping[str, Any]] | tuple[Mapping[str, Any], ...] | None = ...,
            camera_control: Mapping[str, Any] | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit kling-video/v2.1/pro/image-to-video's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: image_url (required), prompt, duration, negative_prompt, cfg_scale, static_mask, dynamic_masks, camera_control; aiovideo.model_info('kling-video/v2.1/pro/image-to-video') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["kling-video/v2.1/pro/image-to-video"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["kling-video/v2.1/standard/image-to-video"],
            image_url: Image,
            prompt: str | None = ...,
            duration: Literal[5, 10] | None = 5,
            negative_prompt: str | None = ...,
            cfg_scale: float | None = ...,
            static_mask: Image | None = ...,
            dynamic_masks: list[Mapping[str, Any]] | tuple[Mapping[str, Any], ...] | None = ...,
            camera_control: Mapping[str, Any] | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit kling-video/v2.1/standard/image-to-video's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: image_url (required), prompt, duration, negative_prompt, cfg_scale, static_mask, dynamic_masks, camera_control; aiovideo.model_info('kling-video/v2.1/standard/image-to-video') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["kling-video/v2.1/standard/image-to-video"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["klingai/avatar-pro"],
            image_url: Image,
            audio_url: str,
            prompt: str | None = ...,
            provider: str | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit klingai/avatar-pro's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: image_url (required), audio_url (required), prompt, provider; aiovideo.model_info('klingai/avatar-pro') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["klingai/avatar-pro"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["klingai/avatar-standard"],
            image_url: Image,
            audio_url: str,
            prompt: str | None = ...,
            provider: str | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit klingai/avatar-standard's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: image_url (required), audio_url (required), prompt, provider; aiovideo.model_info('klingai/avatar-standard') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["klingai/avatar-standard"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["klingai/kling-video-v1.6-pro-effects"],
            image_url: Image | list[Image] | tuple[Image, ...],
            effect_scene: Literal["magic_fireball", "pet_moto_rider", "media_interview", "pet_lion", "pet_delivery", "pet_chef", "santa_gifts", "santa_hug", "girlfriend", "boyfriend", "heart_gesture_1", "pet_wizard", "smoke_smoke", "thumbs_up", "instant_kid", "dollar_rain", "cry_cry", "building_collapse", "gun_shot", "mushroom", "double_gun", "pet_warrior", "lightning_power", "jesus_hug", "shark_alert", "long_hair", "lie_flat", "polar_bear_hug", "brown_bear_hug", "jazz_jazz", "office_escape_plow", "fly_fly", "watermelon_bomb", "pet_dance", "boss_coming", "wool_curly", "iron_warrior", "pet_bee", "marry_me", "swing_swing", "day_to_night", "piggy_morph", "wig_out", "car_explosion", "ski_ski", "tiger_hug", "siblings", "construction_worker", "let's_ride", "snatched", "magic_broom", "felt_felt", "jumpdrop", "celebration", "splashsplash", "hula", "surfsurf", "fairy_wing", "angel_wing", "dark_wing", "skateskate", "plushcut", "jelly_press", "jelly_slice", "jelly_squish", "jelly_jiggle", "pixelpixel", "yearbook", "instant_film", "anime_figure", "rocketrocket", "bloombloom", "dizzydizzy", "fuzzyfuzzy", "squish", "expansion", "hug", "kiss", "heart_gesture", "fight"],
            duration: Literal[5, 10] | None = 5,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit klingai/kling-video-v1.6-pro-effects's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: image_url (required), effect_scene (required), duration; aiovideo.model_info('klingai/kling-video-v1.6-pro-effects') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["klingai/kling-video-v1.6-pro-effects"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["klingai/kling-video-v1.6-standard-effects"],
            image_url: Image | list[Image] | tuple[Image, ...],
            effect_scene: Literal["magic_fireball", "pet_moto_rider", "media_interview", "pet_lion", "pet_delivery", "pet_chef", "santa_gifts", "santa_hug", "girlfriend", "boyfriend", "heart_gesture_1", "pet_wizard", "smoke_smoke", "thumbs_up", "instant_kid", "dollar_rain", "cry_cry", "building_collapse", "gun_shot", "mushroom", "double_gun", "pet_warrior", "lightning_power", "jesus_hug", "shark_alert", "long_hair", "lie_flat", "polar_bear_hug", "brown_bear_hug", "jazz_jazz", "office_escape_plow", "fly_fly", "watermelon_bomb", "pet_dance", "boss_coming", "wool_curly", "iron_warrior", "pet_bee", "marry_me", "swing_swing", "day_to_night", "piggy_morph", "wig_out", "car_explosion", "ski_ski", "tiger_hug", "siblings", "construction_worker", "let's_ride", "snatched", "magic_broom", "felt_felt", "jumpdrop", "celebration", "splashsplash", "hula", "surfsurf", "fairy_wing", "angel_wing", "dark_wing", "skateskate", "plushcut", "jelly_press", "jelly_slice", "jelly_squish", "jelly_jiggle", "pixelpixel", "yearbook", "instant_film", "anime_figure", "rocketrocket", "bloombloom", "dizzydizzy", "fuzzyfuzzy", "squish", "expansion", "hug", "kiss", "heart_gesture", "fight"],
            duration: Literal[5, 10] | None = 5,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit klingai/kling-video-v1.6-standard-effects's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: image_url (required), effect_scene (required), duration; aiovideo.model_info('klingai/kling-video-v1.6-standard-effects') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["klingai/kling-video-v1.6-standard-effects"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["klingai/v2-master-image-to-video"],
            image_url: Image,
            prompt: str | None = ...,
            duration: Literal[5, 10] | None = 5,
            negative_prompt: str | None = ...,
            cfg_scale: float | None = ...,
            static_mask: Image | None = ...,
            dynamic_masks: list[Mapping[str, Any]] | tuple[Mapping[str, Any], ...] | None = ...,
            camera_control: Mapping[str, Any] | None = ...,
            provider: str | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit klingai/v2-master-image-to-video's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: image_url (required), prompt, duration, negative_prompt, cfg_scale, static_mask, dynamic_masks, camera_control, provider; aiovideo.model_info('klingai/v2-master-image-to-video') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["klingai/v2-master-image-to-video"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["klingai/v2-master-text-to-video"],
            prompt: str,
            aspect_ratio: Literal["16:9", "9:16", "1:1"] | None = "16:9",
            duration: Literal[5, 10] | None = ...,
            negative_prompt: str | None = ...,
            cfg_scale: float | None = ...,
            camera_control: Literal["down_back", "forward_up", "right_turn_forward", "left_turn_forward"] | None = ...,
            advanced_camera_control: Mapping[str, Any] | None = ...,
            provider: str | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit klingai/v2-master-text-to-video's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), aspect_ratio, duration, negative_prompt, cfg_scale, camera_control, advanced_camera_control, provider; aiovideo.model_info('klingai/v2-master-text-to-video') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["klingai/v2-master-text-to-video"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["klingai/v2.1-master-image-to-video"],
            image_url: Image,
            prompt: str | None = ...,
            duration: Literal[5, 10] | None = 5,
            negative_prompt: str | None = ...,
            cfg_scale: float | None = ...,
            static_mask: Image | None = ...,
            dynamic_masks: list[Mapping[str, Any]] | tuple[Mapping[str, Any], ...] | None = ...,
            camera_control: Mapping[str, Any] | None = ...,
            provider: str | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit klingai/v2.1-master-image-to-video's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: image_url (required), prompt, duration, negative_prompt, cfg_scale, static_mask, dynamic_masks, camera_control, provider; aiovideo.model_info('klingai/v2.1-master-image-to-video') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["klingai/v2.1-master-image-to-video"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["klingai/v2.1-master-text-to-video"],
            prompt: str,
            aspect_ratio: Literal["16:9", "9:16", "1:1"] | None = "16:9",
            duration: Literal[5, 10] | None = ...,
            negative_prompt: str | None = ...,
            cfg_scale: float | None = ...,
            camera_control: Literal["down_back", "forward_up", "right_turn_forward", "left_turn_forward"] | None = ...,
            advanced_camera_control: Mapping[str, Any] | None = ...,
            provider: str | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit klingai/v2.1-master-text-to-video's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), aspect_ratio, duration, negative_prompt, cfg_scale, camera_control, advanced_camera_control, provider; aiovideo.model_info('klingai/v2.1-master-text-to-video') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["klingai/v2.1-master-text-to-video"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["klingai/v2.5-turbo/pro/image-to-video"],
            image_url: Image,
            prompt: str,
            duration: Literal[5, 10] | None = 5,
            negative_prompt: str | None = ...,
            cfg_scale: float | None = ...,
            provider: str | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit klingai/v2.5-turbo/pro/image-to-video's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: image_url (required), prompt (required), duration, negative_prompt, cfg_scale, provider; aiovideo.model_info('klingai/v2.5-turbo/pro/image-to-video') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["klingai/v2.5-turbo/pro/image-to-video"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["klingai/v2.5-turbo/pro/text-to-video"],
            prompt: str,
            duration: Literal[5, 10] | None = 5,
            negative_prompt: str | None = ...,
            cfg_scale: float | None = ...,
            aspect_ratio: Literal["16:9", "9:16", "1:1"] | None = ...,
            provider: str | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit klingai/v2.5-turbo/pro/text-to-video's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), duration, negative_prompt, cfg_scale, aspect_ratio, provider; aiovideo.model_info('klingai/v2.5-turbo/pro/text-to-video') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["klingai/v2.5-turbo/pro/text-to-video"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["klingai/video-o1-image-to-video"],
            prompt: str,
            image_url: Image,
            last_image_url: Image | None = ...,
            duration: Literal[5, 10] | None = 5,
            provider: str | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit klingai/video-o1-image-to-video's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), image_url (required), last_image_url, duration, provider; aiovideo.model_info('klingai/video-o1-image-to-video') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["klingai/video-o1-image-to-video"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["klingai/video-o1-reference-to-video"],
            prompt: str,
            image_list: list[Image] | tuple[Image, ...] | None = ...,
            elements: list[Mapping[str, Any]] | tuple[Mapping[str, Any], ...] | None = ...,
            aspect_ratio: Literal["16:9", "9:16", "1:1"] | None = "16:9",
            duration: Literal[5, 10] | None = 5,
            provider: str | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit klingai/video-o1-reference-to-video's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), image_list, elements, aspect_ratio, duration, provider; aiovideo.model_info('klingai/video-o1-reference-to-video') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["klingai/video-o1-reference-to-video"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["klingai/video-o1-video-to-video-edit"],
            prompt: str,
            video_url: str,
            image_list: list[Image] | tuple[Image, ...] | None = ...,
            elements: list[Mapping[str, Any]] | tuple[Mapping[str, Any], ...] | None = ...,
            keep_audio: bool | None = False,
            provider: str | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit klingai/video-o1-video-to-video-edit's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), video_url (required), image_list, elements, keep_audio, provider; aiovideo.model_info('klingai/video-o1-video-to-video-edit') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["klingai/video-o1-video-to-video-edit"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["klingai/video-o1-video-to-video-reference"],
            prompt: str,
            video_url: str,
            image_list: list[Image] | tuple[Image, ...] | None = ...,
            aspect_ratio: Literal["16:9", "9:16", "1:1"] | None = "16:9",
            duration: Literal[5, 10] | None = 5,
            elements: list[Mapping[str, Any]] | tuple[Mapping[str, Any], ...] | None = ...,
            keep_audio: bool | None = False,
            provider: str | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit klingai/video-o1-video-to-video-reference's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), video_url (required), image_list, aspect_ratio, duration, elements, keep_audio, provider; aiovideo.model_info('klingai/video-o1-video-to-video-reference') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["klingai/video-o1-video-to-video-reference"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["klingai/video-v2-6-motion-control"],
            image_url: Image,
            video_url: str,
            prompt: str | None = ...,
            character_orientation: Literal["image", "video"] | None = "video",
            keep_audio: bool | None = True,
            mode: Literal["std", "pro"] | None = "std",
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit klingai/video-v2-6-motion-control's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt, image_url (required), video_url (required), character_orientation, keep_audio, mode; aiovideo.model_info('klingai/video-v2-6-motion-control') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["klingai/video-v2-6-motion-control"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["klingai/video-v2-6-pro-image-to-video"],
            prompt: str,
            image_url: Image,
            duration: Literal[5, 10] | None = 5,
            negative_prompt: str | None = ...,
            generate_audio: bool | None = True,
            provider: str | None = ...,
            tail_image_url: Image | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit klingai/video-v2-6-pro-image-to-video's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), image_url (required), duration, negative_prompt, generate_audio, provider, tail_image_url; aiovideo.model_info('klingai/video-v2-6-pro-image-to-video') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["klingai/video-v2-6-pro-image-to-video"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["klingai/video-v2-6-pro-text-to-video"],
            prompt: str,
            aspect_ratio: Literal["16:9", "9:16", "1:1"] | None = ...,
            duration: Literal[5, 10] | None = 5,
            negative_prompt: str | None = ...,
            cfg_scale: float | None = ...,
            generate_audio: bool | None = True,
            provider: str | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit klingai/video-v2-6-pro-text-to-video's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), aspect_ratio, duration, negative_prompt, cfg_scale, generate_audio, provider; aiovideo.model_info('klingai/video-v2-6-pro-text-to-video') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["klingai/video-v2-6-pro-text-to-video"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["klingai/video-v3-motion-control"],
            image_url: Image,
            video_url: str,
            prompt: str | None = ...,
            character_orientation: Literal["image", "video"] | None = "video",
            keep_audio: bool | None = True,
            mode: Literal["std", "pro"] | None = "std",
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit klingai/video-v3-motion-control's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt, image_url (required), video_url (required), character_orientation, keep_audio, mode; aiovideo.model_info('klingai/video-v3-motion-control') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["klingai/video-v3-motion-control"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["klingai/video-v3-omni-1080p-image-to-video"],
            image_url: Image,
            prompt: str | None = ...,
            provider: str | None = ...,
            multi_prompt: list[str] | tuple[str, ...] | None = ...,
            tail_image_url: Image | None = ...,
            duration: Literal[3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15] | None = 5,
            elements: list[Mapping[str, Any]] | tuple[Mapping[str, Any], ...] | None = ...,
            shot_type: Literal["customize", "intelligent", "intelligence"] | None = "customize",
            generate_audio: bool | None = True,
            negative_prompt: str | None = ...,
            cfg_scale: float | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit klingai/video-v3-omni-1080p-image-to-video's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt, provider, multi_prompt, image_url (required), tail_image_url, duration, elements, shot_type, generate_audio, negative_prompt, cfg_scale; aiovideo.model_info('klingai/video-v3-omni-1080p-image-to-video') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["klingai/video-v3-omni-1080p-image-to-video"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["klingai/video-v3-omni-1080p-text-to-video"],
            prompt: str | None = ...,
            provider: str | None = ...,
            multi_prompt: list[str] | tuple[str, ...] | None = ...,
            aspect_ratio: Literal["16:9", "9:16", "1:1"] | None = "16:9",
            duration: Literal[3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15] | None = 5,
            shot_type: Literal["customize", "intelligent", "intelligence"] | None = "customize",
            generate_audio: bool | None = True,
            negative_prompt: str | None = ...,
            cfg_scale: float | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit klingai/video-v3-omni-1080p-text-to-video's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt, provider, multi_prompt, aspect_ratio, duration, shot_type, generate_audio, negative_prompt, cfg_scale; aiovideo.model_info('klingai/video-v3-omni-1080p-text-to-video') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["klingai/video-v3-omni-1080p-text-to-video"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["klingai/video-v3-omni-720p-image-to-video"],
            image_url: Image,
            prompt: str | None = ...,
            provider: str | None = ...,
            multi_prompt: list[str] | tuple[str, ...] | None = ...,
            tail_image_url: Image | None = ...,
            duration: Literal[3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15] | None = 5,
            elements: list[Mapping[str, Any]] | tuple[Mapping[str, Any], ...] | None = ...,
            shot_type: Literal["customize", "intelligent", "intelligence"] | None = "customize",
            generate_audio: bool | None = True,
            negative_prompt: str | None = ...,
            cfg_scale: float | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit klingai/video-v3-omni-720p-image-to-video's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt, provider, multi_prompt, image_url (required), tail_image_url, duration, elements, shot_type, generate_audio, negative_prompt, cfg_scale; aiovideo.model_info('klingai/video-v3-omni-720p-image-to-video') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["klingai/video-v3-omni-720p-image-to-video"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["klingai/video-v3-omni-720p-text-to-video"],
            prompt: str | None = ...,
            provider: str | None = ...,
            multi_prompt: list[str] | tuple[str, ...] | None = ...,
            aspect_ratio: Literal["16:9", "9:16", "1:1"] | None = "16:9",
            duration: Literal[3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15] | None = 5,
            shot_type: Literal["customize", "intelligent", "intelligence"] | None = "customize",
            generate_audio: bool | None = True,
            negative_prompt: str | None = ...,
            cfg_scale: float | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit klingai/video-v3-omni-720p-text-to-video's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt, provider, multi_prompt, aspect_ratio, duration, shot_type, generate_audio, negative_prompt, cfg_scale; aiovideo.model_info('klingai/video-v3-omni-720p-text-to-video') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["klingai/video-v3-omni-720p-text-to-video"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["klingai/video-v3-pro-image-to-video"],
            image_url: Image,
            prompt: str | None = ...,
            multi_prompt: list[str] | tuple[str, ...] | None = ...,
            tail_image_url: Image | None = ...,
            duration: Literal[3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15] | None = 5,
            elements: list[Mapping[str, Any]] | tuple[Mapping[str, Any], ...] | None = ...,
            shot_type: Literal["customize", "intelligent"] | None = "customize",
            generate_audio: bool | None = True,
            negative_prompt: str | None = ...,
            cfg_scale: float | None = ...,
            provider: str | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit klingai/video-v3-pro-image-to-video's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt, multi_prompt, image_url (required), tail_image_url, duration, elements, shot_type, generate_audio, negative_prompt, cfg_scale, provider; aiovideo.model_info('klingai/video-v3-pro-image-to-video') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["klingai/video-v3-pro-image-to-video"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["klingai/video-v3-pro-text-to-video"],
            prompt: str | None = ...,
            multi_prompt: list[str] | tuple[str, ...] | None = ...,
            aspect_ratio: Literal["16:9", "9:16", "1:1"] | None = "16:9",
            duration: Literal[3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15] | None = 5,
            shot_type: Literal["customize", "intelligent"] | None = "customize",
            generate_audio: bool | None = True,
            negative_prompt: str | None = ...,
            cfg_scale: float | None = ...,
            provider: str | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit klingai/video-v3-pro-text-to-video's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt, multi_prompt, aspect_ratio, duration, shot_type, generate_audio, negative_prompt, cfg_scale, provider; aiovideo.model_info('klingai/video-v3-pro-text-to-video') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["klingai/video-v3-pro-text-to-video"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["klingai/video-v3-standard-image-to-video"],
            image_url: Image,
            prompt: str | None = ...,
            multi_prompt: list[str] | tuple[str, ...] | None = ...,
            tail_image_url: Image | None = ...,
            duration: Literal[3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15] | None = 5,
            elements: list[Mapping[str, Any]] | tuple[Mapping[str, Any], ...] | None = ...,
            shot_type: Literal["customize", "intelligent"] | None = "customize",
            generate_audio: bool | None = True,
            negative_prompt: str | None = ...,
            cfg_scale: float | None = ...,
            provider: str | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit klingai/video-v3-standard-image-to-video's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt, multi_prompt, image_url (required), tail_image_url, duration, elements, shot_type, generate_audio, negative_prompt, cfg_scale, provider; aiovideo.model_info('klingai/video-v3-standard-image-to-video') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["klingai/video-v3-standard-image-to-video"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["klingai/video-v3-standard-text-to-video"],
            prompt: str | None = ...,
            multi_prompt: list[str] | tuple[str, ...] | None = ...,
            aspect_ratio: Literal["16:9", "9:16", "1:1"] | None = "16:9",
            duration: Literal[3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15] | None = 5,
            shot_type: Literal["customize", "intelligent"] | None = "customize",
            generate_audio: bool | None = True,
            negative_prompt: str | None = ...,
            cfg_scale: float | None = ...,
            provider: str | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit klingai/video-v3-standard-text-to-video's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt, multi_prompt, aspect_ratio, duration, shot_type, generate_audio, negative_prompt, cfg_scale, provider; aiovideo.model_info('klingai/video-v3-standard-text-to-video') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["klingai/video-v3-standard-text-to-video"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["klingai/video-v3-standard-turbo-image-to-video"],
            image_url: Image,
            prompt: str | None = ...,
            multi_prompt: list[Mapping[str, Any]] | tuple[Mapping[str, Any], ...] | None = ...,
            duration: Literal[3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15] | None = 5,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit klingai/video-v3-standard-turbo-image-to-video's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt, multi_prompt, duration, image_url (required); aiovideo.model_info('klingai/video-v3-standard-turbo-image-to-video') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["klingai/video-v3-standard-turbo-image-to-video"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["klingai/video-v3-standard-turbo-text-to-video"],
            prompt: str | None = ...,
            multi_prompt: list[Mapping[str, Any]] | tuple[Mapping[str, Any], ...] | None = ...,
            duration: Literal[3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15] | None = 5,
            aspect_ratio: Literal["16:9", "9:16", "1:1"] | None = "16:9",
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit klingai/video-v3-standard-turbo-text-to-video's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt, multi_prompt, duration, aspect_ratio; aiovideo.model_info('klingai/video-v3-standard-turbo-text-to-video') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["klingai/video-v3-standard-turbo-text-to-video"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["klingai/video-v3-turbo-pro-image-to-video"],
            image_url: Image,
            prompt: str | None = ...,
            multi_prompt: list[Mapping[str, Any]] | tuple[Mapping[str, Any], ...] | None = ...,
            duration: Literal[3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15] | None = 5,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit klingai/video-v3-turbo-pro-image-to-video's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt, multi_prompt, duration, image_url (required); aiovideo.model_info('klingai/video-v3-turbo-pro-image-to-video') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["klingai/video-v3-turbo-pro-image-to-video"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["klingai/video-v3-turbo-pro-text-to-video"],
            prompt: str | None = ...,
            multi_prompt: list[Mapping[str, Any]] | tuple[Mapping[str, Any], ...] | None = ...,
            duration: Literal[3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15] | None = 5,
            aspect_ratio: Literal["16:9", "9:16", "1:1"] | None = "16:9",
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit klingai/video-v3-turbo-pro-text-to-video's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt, multi_prompt, duration, aspect_ratio; aiovideo.model_info('klingai/video-v3-turbo-pro-text-to-video') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["klingai/video-v3-turbo-pro-text-to-video"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["krea/krea-wan-14b/text-to-video"],
            prompt: str,
            num_frames: int | None = 78,
            enable_prompt_expansion: bool | None = True,
            seed: int | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit krea/krea-wan-14b/text-to-video's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), num_frames, enable_prompt_expansion, seed; aiovideo.model_info('krea/krea-wan-14b/text-to-video') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["krea/krea-wan-14b/text-to-video"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["krea/krea-wan-14b/video-to-video"],
            prompt: str,
            video_url: str,
            strength: float | None = 0.85,
            enable_prompt_expansion: bool | None = True,
            seed: int | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit krea/krea-wan-14b/video-to-video's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), video_url (required), strength, enable_prompt_expansion, seed; aiovideo.model_info('krea/krea-wan-14b/video-to-video') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["krea/krea-wan-14b/video-to-video"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["ltxv/ltxv-2"],
            prompt: str,
            image_url: Image | None = ...,
            duration: Literal[6, 8, 10] | None = ...,
            resolution: Literal["1080p", "1440p", "2160p"] | None = "1080p",
            aspect_ratio: Literal["16:9"] | None = "16:9",
            fps: Literal[25, 50] | None = ...,
            generate_audio: bool | None = True,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit ltxv/ltxv-2's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), image_url, duration, resolution, aspect_ratio, fps, generate_audio; aiovideo.model_info('ltxv/ltxv-2') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["ltxv/ltxv-2"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["ltxv/ltxv-2-fast"],
            prompt: str,
            image_url: Image | None = ...,
            duration: Literal[6, 8, 10] | None = ...,
            resolution: Literal["1080p", "1440p", "2160p"] | None = "1080p",
            aspect_ratio: Literal["16:9"] | None = "16:9",
            fps: Literal[25, 50] | None = ...,
            generate_audio: bool | None = True,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit ltxv/ltxv-2-fast's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), image_url, duration, resolution, aspect_ratio, fps, generate_audio; aiovideo.model_info('ltxv/ltxv-2-fast') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["ltxv/ltxv-2-fast"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["luma/ray-1-6"],
            prompt: str,
            aspect_ratio: Literal["1:1", "16:9", "9:16", "4:3", "3:4", "21:9", "9:21"] | None = "16:9",
            keyframes: Mapping[str, Any] | None = ...,
            loop: bool | None = False,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit luma/ray-1-6's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), aspect_ratio, keyframes, loop; aiovideo.model_info('luma/ray-1-6') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["luma/ray-1-6"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["luma/ray-2"],
            prompt: str,
            resolution: Literal["540p", "720p", "1080p", "4k"] | None = "1080p",
            aspect_ratio: Literal["1:1", "16:9", "9:16", "4:3", "3:4", "21:9", "9:21"] | None = "16:9",
            duration: Literal[5, 9] | None = 5,
            keyframes: Mapping[str, Any] | None = ...,
            loop: bool | None = False,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit luma/ray-2's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), resolution, aspect_ratio, duration, keyframes, loop; aiovideo.model_info('luma/ray-2') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["luma/ray-2"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["luma/ray-3.2"],
            prompt: str,
            type: Literal["video", "video_edit", "video_reframe"] | None = "video",
            resolution: Literal["360p", "540p", "720p", "1080p"] | None = "720p",
            duration: Literal[5, 10] | None = 5,
            aspect_ratio: Literal["9:16", "3:4", "1:1", "4:3", "16:9", "21:9"] | None = "16:9",
            loop: bool | None = False,
            hdr: bool | None = False,
            exr_export: bool | None = False,
            image_url: Image | None = ...,
            last_image_url: Image | None = ...,
            video_url: str | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit luma/ray-3.2's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), type, resolution, duration, aspect_ratio, loop, hdr, exr_export, image_url, last_image_url, video_url; aiovideo.model_info('luma/ray-3.2') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["luma/ray-3.2"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["luma/ray-flash-2"],
            prompt: str,
            resolution: Literal["540p", "720p", "1080p", "4k"] | None = "1080p",
            aspect_ratio: Literal["1:1", "16:9", "9:16", "4:3", "3:4", "21:9", "9:21"] | None = "16:9",
            duration: Literal[5, 9] | None = 5,
            keyframes: Mapping[str, Any] | None = ...,
            loop: bool | None = False,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit luma/ray-flash-2's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), resolution, aspect_ratio, duration, keyframes, loop; aiovideo.model_info('luma/ray-flash-2') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["luma/ray-flash-2"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["magic/image-to-video"],
            image_url: Image,
            template: Literal["Thailand Street", "Times Square Billboard", "New York Times Square (77)", "Phone Social", "Art Gallery", "New York Times Square (66)", "Dubai Museum", "Digital Float", "Rotating Cards", "Desktop Reveal", "Egypt Pyramid", "Frames Drop", "Cappadocia Balloons", "Times Square Round Screen", "Stockholm Metro", "Tokyo Billboard", "San Francisco Skyscrapers", "Malaysia Shop", "Las Vegas LED", "Phone App", "Paris Eiffel Tower"] | None = "Thailand Street",
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit magic/image-to-video's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: image_url (required), template; aiovideo.model_info('magic/image-to-video') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["magic/image-to-video"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["magic/text-to-video"],
            prompt: str,
            template: Literal["Shanghai Drone Show"] | None = "Shanghai Drone Show",
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit magic/text-to-video's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), template; aiovideo.model_info('magic/text-to-video') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["magic/text-to-video"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["magic/video-to-video"],
            video_url: str,
            template: Literal["Thailand Street", "Times Square Billboard", "New York Times Square (78)", "Phone Social", "Art Gallery", "New York Times Square (67)", "Dubai Museum", "Rotating Cards", "Desktop Reveal", "Egypt Pyramid", "Cappadocia Balloons", "Times Square Round Screen", "Stockholm Metro", "Tokyo Billboard", "San Francisco Skyscrapers", "Malaysia Shop", "Las Vegas LED", "Phone App", "Paris Eiffel Tower"] | None = "Thailand Street",
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit magic/video-to-video's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: video_url (required), template; aiovideo.model_info('magic/video-to-video') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["magic/video-to-video"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["minimax/h3"],
            prompt: str,
            image_url: Image | None = ...,
            last_image_url: Image | None = ...,
            reference_image_urls: list[Image] | tuple[Image, ...] | None = ...,
            video_urls: list[str] | tuple[str, ...] | None = ...,
            audio_urls: list[str] | tuple[str, ...] | None = ...,
            duration: int | None = 6,
            resolution: Literal["2K"] | None = "2K",
            ratio: Literal["adaptive", "21:9", "16:9", "4:3", "1:1", "3:4", "9:16"] | None = "adaptive",
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit minimax/h3's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), image_url, last_image_url, reference_image_urls, video_urls, audio_urls, duration, resolution, ratio; aiovideo.model_info('minimax/h3') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["minimax/h3"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["minimax/hailuo-02"],
            prompt: str,
            image_url: Image | None = ...,
            last_image_url: Image | None = ...,
            resolution: Literal["768P", "1080P"] | None = "768P",
            duration: Literal[6, 10] | None = ...,
            enhance_prompt: bool | None = True,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit minimax/hailuo-02's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), image_url, last_image_url, resolution, duration, enhance_prompt; aiovideo.model_info('minimax/hailuo-02') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["minimax/hailuo-02"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["minimax/hailuo-2.3"],
            prompt: str,
            image_url: Image | None = ...,
            resolution: Literal["768P", "1080P"] | None = "768P",
            duration: Literal[6, 10] | None = ...,
            enhance_prompt: bool | None = True,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit minimax/hailuo-2.3's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), image_url, resolution, duration, enhance_prompt; aiovideo.model_info('minimax/hailuo-2.3') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["minimax/hailuo-2.3"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["minimax/hailuo-2.3-fast"],
            prompt: str,
            image_url: Image,
            resolution: Literal["768P", "1080P"] | None = "768P",
            duration: Literal[6, 10] | None = ...,
            enhance_prompt: bool | None = True,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit minimax/hailuo-2.3-fast's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), image_url (required), resolution, duration, enhance_prompt; aiovideo.model_info('minimax/hailuo-2.3-fast') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["minimax/hailuo-2.3-fast"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["openai/sora-2-i2v"],
            prompt: str,
            image_url: Image,
            resolution: Literal["720p"] | None = "720p",
            aspect_ratio: Literal["16:9", "9:16"] | None = "16:9",
            duration: Literal[4, 8, 12] | None = 4,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit openai/sora-2-i2v's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), image_url (required), resolution, aspect_ratio, duration; aiovideo.model_info('openai/sora-2-i2v') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["openai/sora-2-i2v"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["openai/sora-2-pro-i2v"],
            prompt: str,
            image_url: Image,
            resolution: Literal["720p", "1080p"] | None = "1080p",
            aspect_ratio: Literal["16:9", "9:16"] | None = "16:9",
            duration: Literal[4, 8, 12] | None = 4,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit openai/sora-2-pro-i2v's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), image_url (required), resolution, aspect_ratio, duration; aiovideo.model_info('openai/sora-2-pro-i2v') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["openai/sora-2-pro-i2v"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["openai/sora-2-pro-t2v"],
            prompt: str,
            resolution: Literal["720p", "1080p"] | None = "1080p",
            aspect_ratio: Literal["16:9", "9:16"] | None = "16:9",
            duration: Literal[4, 8, 12] | None = 4,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit openai/sora-2-pro-t2v's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), resolution, aspect_ratio, duration; aiovideo.model_info('openai/sora-2-pro-t2v') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["openai/sora-2-pro-t2v"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["openai/sora-2-t2v"],
            prompt: str,
            resolution: Literal["720p"] | None = "720p",
            aspect_ratio: Literal["16:9", "9:16"] | None = "16:9",
            duration: Literal[4, 8, 12] | None = 4,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit openai/sora-2-t2v's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), resolution, aspect_ratio, duration; aiovideo.model_info('openai/sora-2-t2v') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["openai/sora-2-t2v"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["pixverse/lip-sync"],
            video_url: str,
            audio_url: str | None = ...,
            lip_sync_tts_content: str | None = ...,
            lip_sync_tts_speaker: Literal["Harper", "Ava", "Isabella", "Sophia", "Emily", "Chloe", "Julia", "Mason", "Jack", "Liam", "James", "Oliver", "Adrian", "Ethan", "Auto"] | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit pixverse/lip-sync's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: video_url (required), audio_url, lip_sync_tts_content, lip_sync_tts_speaker; aiovideo.model_info('pixverse/lip-sync') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["pixverse/lip-sync"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["pixverse/v5-5-image-to-video"],
            prompt: str,
            image_url: Image,
            resolution: Literal["360p", "540p", "720p", "1080p"] | None = "720p",
            duration: Literal[5, 8, 10] | None = 5,
            negative_prompt: str | None = ...,
            style: Literal["anime", "3d_animation", "clay", "comic", "cyberpunk"] | None = ...,
            seed: int | None = ...,
            generate_audio_switch: bool | None = False,
            generate_multi_clip_switch: bool | None = False,
            thinking_type: Literal["enabled", "disabled", "auto"] | None = "enabled",
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit pixverse/v5-5-image-to-video's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), image_url (required), resolution, duration, negative_prompt, style, seed, generate_audio_switch, generate_multi_clip_switch, thinking_type; aiovideo.model_info('pixverse/v5-5-image-to-video') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["pixverse/v5-5-image-to-video"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["pixverse/v5-5-text-to-video"],
            prompt: str,
            aspect_ratio: Literal["16:9", "4:3", "1:1", "3:4", "9:16"] | None = "16:9",
            resolution: Literal["360p", "540p", "720p", "1080p"] | None = "720p",
            duration: Literal[5, 8, 10] | None = 5,
            negative_prompt: str | None = ...,
            style: Literal["anime", "3d_animation", "clay", "comic", "cyberpunk"] | None = ...,
            seed: int | None = ...,
            generate_audio_switch: bool | None = False,
            generate_multi_clip_switch: bool | None = False,
            thinking_type: Literal["enabled", "disabled", "auto"] | None = "enabled",
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit pixverse/v5-5-text-to-video's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), aspect_ratio, resolution, duration, negative_prompt, style, seed, generate_audio_switch, generate_multi_clip_switch, thinking_type; aiovideo.model_info('pixverse/v5-5-text-to-video') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["pixverse/v5-5-text-to-video"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["pixverse/v5.5/image-to-video"],
            prompt: str,
            image_url: Image,
            resolution: Literal["360p", "540p", "720p", "1080p"] | None = "720p",
            duration: Literal[5, 8, 10] | None = 5,
            negative_prompt: str | None = ...,
            style: Literal["anime", "3d_animation", "clay", "comic", "cyberpunk"] | None = ...,
            seed: int | None = ...,
            generate_audio_switch: bool | None = False,
            generate_multi_clip_switch: bool | None = False,
            thinking_type: Literal["enabled", "disabled", "auto"] | None = "enabled",
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit pixverse/v5.5/image-to-video's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), image_url (required), resolution, duration, negative_prompt, style, seed, generate_audio_switch, generate_multi_clip_switch, thinking_type; aiovideo.model_info('pixverse/v5.5/image-to-video') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["pixverse/v5.5/image-to-video"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["pixverse/v5.5/text-to-video"],
            prompt: str,
            aspect_ratio: Literal["16:9", "4:3", "1:1", "3:4", "9:16"] | None = "16:9",
            resolution: Literal["360p", "540p", "720p", "1080p"] | None = "720p",
            duration: Literal[5, 8, 10] | None = 5,
            negative_prompt: str | None = ...,
            style: Literal["anime", "3d_animation", "clay", "comic", "cyberpunk"] | None = ...,
            seed: int | None = ...,
            generate_audio_switch: bool | None = False,
            generate_multi_clip_switch: bool | None = False,
            thinking_type: Literal["enabled", "disabled", "auto"] | None = "enabled",
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit pixverse/v5.5/text-to-video's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), aspect_ratio, resolution, duration, negative_prompt, style, seed, generate_audio_switch, generate_multi_clip_switch, thinking_type; aiovideo.model_info('pixverse/v5.5/text-to-video') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["pixverse/v5.5/text-to-video"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["pixverse/v5/image-to-video"],
            prompt: str,
            image_url: Image,
            resolution: Literal["360p", "540p", "720p", "1080p"] | None = "720p",
            duration: Literal[5, 8] | None = 5,
            negative_prompt: str | None = ...,
            style: Literal["anime", "3d_animation", "clay", "comic", "cyberpunk"] | None = ...,
            seed: int | None = ...,
            lip_sync_tts_content: str | None = ...,
            lip_sync_tts_speaker: Literal["Harper", "Ava", "Isabella", "Sophia", "Emily", "Chloe", "Julia", "Mason", "Jack", "Liam", "James", "Oliver", "Adrian", "Ethan", "Auto"] | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit pixverse/v5/image-to-video's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), image_url (required), resolution, duration, negative_prompt, style, seed, lip_sync_tts_content, lip_sync_tts_speaker; aiovideo.model_info('pixverse/v5/image-to-video') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["pixverse/v5/image-to-video"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["pixverse/v5/text-to-video"],
            prompt: str,
            aspect_ratio: Literal["16:9", "4:3", "1:1", "3:4", "9:16"] | None = "16:9",
            resolution: Literal["360p", "540p", "720p", "1080p"] | None = "720p",
            duration: Literal[5, 8] | None = 5,
            negative_prompt: str | None = ...,
            style: Literal["anime", "3d_animation", "clay", "comic", "cyberpunk"] | None = ...,
            seed: int | None = ...,
            lip_sync_tts_content: str | None = ...,
            lip_sync_tts_speaker: Literal["Harper", "Ava", "Isabella", "Sophia", "Emily", "Chloe", "Julia", "Mason", "Jack", "Liam", "James", "Oliver", "Adrian", "Ethan", "Auto"] | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit pixverse/v5/text-to-video's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), aspect_ratio, resolution, duration, negative_prompt, style, seed, lip_sync_tts_content, lip_sync_tts_speaker; aiovideo.model_info('pixverse/v5/text-to-video') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["pixverse/v5/text-to-video"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["pixverse/v5/transition"],
            prompt: str,
            image_url: Image,
            tail_image_url: Image,
            resolution: Literal["360p", "540p", "720p", "1080p"] | None = "720p",
            duration: Literal[5, 8] | None = 5,
            negative_prompt: str | None = ...,
            style: Literal["anime", "3d_animation", "clay", "comic", "cyberpunk"] | None = ...,
            seed: int | None = ...,
            lip_sync_tts_content: str | None = ...,
            lip_sync_tts_speaker: Literal["Harper", "Ava", "Isabella", "Sophia", "Emily", "Chloe", "Julia", "Mason", "Jack", "Liam", "James", "Oliver", "Adrian", "Ethan", "Auto"] | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit pixverse/v5/transition's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), image_url (required), tail_image_url (required), resolution, duration, negative_prompt, style, seed, lip_sync_tts_content, lip_sync_tts_speaker; aiovideo.model_info('pixverse/v5/transition') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["pixverse/v5/transition"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["runway-gen3/turbo/image-to-video"],
            prompt: str,
            image_url: Image,
            last_image_url: Image,
            duration: str | None = "5",
            ratio: Literal["16:9", "9:16"] | None = ...,
            seed: int | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit runway-gen3/turbo/image-to-video's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), image_url (required), last_image_url (required), duration, ratio, seed; aiovideo.model_info('runway-gen3/turbo/image-to-video') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["runway-gen3/turbo/image-to-video"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["runway/act_two"],
            character: Mapping[str, Any],
            reference: Mapping[str, Any],
            frame_size: Literal["1280:720", "720:1280", "1104:832", "832:1104", "960:960", "1584:672", "848:480", "640:480"] | None = "1280:720",
            body_control: bool | None = ...,
            expression_intensity: int | None = 3,
            seed: int | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit runway/act_two's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: character (required), reference (required), frame_size, body_control, expression_intensity, seed; aiovideo.model_info('runway/act_two') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["runway/act_two"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["runway/gen4_aleph"],
            prompt: str,
            video_url: str,
            references: list[Mapping[str, Any]] | tuple[Mapping[str, Any], ...] | None = ...,
            frame_size: Literal["1280:720", "720:1280", "1104:832", "832:1104", "960:960", "1584:672", "848:480", "640:480"] | None = "1280:720",
            duration: Literal[5] | None = 5,
            seed: int | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit runway/gen4_aleph's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), video_url (required), references, frame_size, duration, seed; aiovideo.model_info('runway/gen4_aleph') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["runway/gen4_aleph"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["runway/gen4_turbo"],
            image_url: Image,
            prompt: str | None = ...,
            tail_image_url: Image | None = ...,
            aspect_ratio: Literal["16:9", "9:16", "4:3", "3:4", "1:1", "21:9"] | None = "16:9",
            duration: Literal[5, 10] | None = 5,
            seed: int | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit runway/gen4_turbo's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt, image_url (required), tail_image_url, aspect_ratio, duration, seed; aiovideo.model_info('runway/gen4_turbo') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["runway/gen4_turbo"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["sber-ai/kandinsky5-distill-t2v"],
            prompt: str,
            aspect_ratio: Literal["3:2", "1:1", "2:3"] | None = "3:2",
            duration: Literal[5, 10] | None = 5,
            num_inference_steps: int | None = 30,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit sber-ai/kandinsky5-distill-t2v's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), aspect_ratio, duration, num_inference_steps; aiovideo.model_info('sber-ai/kandinsky5-distill-t2v') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["sber-ai/kandinsky5-distill-t2v"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["sber-ai/kandinsky5-t2v"],
            prompt: str,
            aspect_ratio: Literal["3:2", "1:1", "2:3"] | None = "3:2",
            duration: Literal[5, 10] | None = 5,
            num_inference_steps: int | None = 30,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit sber-ai/kandinsky5-t2v's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), aspect_ratio, duration, num_inference_steps; aiovideo.model_info('sber-ai/kandinsky5-t2v') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["sber-ai/kandinsky5-t2v"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["tencent/hunyuan-video-foley"],
            video_url: str,
            prompt: str,
            negative_prompt: str | None = "noisy, harsh",
            guidance_scale: float | None = 4.5,
            num_inference_steps: int | None = 50,
            seed: int | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit tencent/hunyuan-video-foley's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: video_url (required), prompt (required), negative_prompt, guidance_scale, num_inference_steps, seed; aiovideo.model_info('tencent/hunyuan-video-foley') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["tencent/hunyuan-video-foley"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["veed/fabric-1.0"],
            image_url: Image,
            audio_url: str,
            resolution: Literal["480p", "720p"] | None = "480p",
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit veed/fabric-1.0's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: image_url (required), audio_url (required), resolution; aiovideo.model_info('veed/fabric-1.0') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["veed/fabric-1.0"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["veed/fabric-1.0-fast"],
            image_url: Image,
            audio_url: str,
            resolution: Literal["480p", "720p"] | None = "480p",
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit veed/fabric-1.0-fast's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: image_url (required), audio_url (required), resolution; aiovideo.model_info('veed/fabric-1.0-fast') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["veed/fabric-1.0-fast"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["veo-3.1-lite-generate-001"],
            prompt: str,
            image_url: Image | None = ...,
            last_image_url: Image | None = ...,
            aspect_ratio: Literal["16:9", "9:16"] | None = ...,
            resolution: Literal["720P", "1080P"] | None = "720P",
            duration: Literal[4, 6, 8] | None = 8,
            generate_audio: bool | None = True,
            person_generation: Literal["dont_allow", "allow_adult"] | None = "allow_adult",
            tail_image_url: Image | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit veo-3.1-lite-generate-001's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), image_url, last_image_url, aspect_ratio, resolution, duration, generate_audio, person_generation, tail_image_url; aiovideo.model_info('veo-3.1-lite-generate-001') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["veo-3.1-lite-generate-001"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["veo2"],
            prompt: str,
            duration: Literal[5, 6, 7, 8] | None = 5,
            aspect_ratio: Literal["16:9", "9:16"] | None = ...,
            negative_prompt: str | None = ...,
            seed: int | None = ...,
            enhance_prompt: bool | None = True,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit veo2's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), duration, aspect_ratio, negative_prompt, seed, enhance_prompt; aiovideo.model_info('veo2') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["veo2"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["veo2/image-to-video"],
            prompt: str,
            image_url: Image,
            tail_image_url: Image | None = ...,
            duration: Literal[5, 6, 7, 8] | None = 5,
            aspect_ratio: Literal["16:9", "9:16"] | None = ...,
            negative_prompt: str | None = ...,
            seed: int | None = ...,
            enhance_prompt: bool | None = True,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit veo2/image-to-video's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), image_url (required), tail_image_url, duration, aspect_ratio, negative_prompt, seed, enhance_prompt; aiovideo.model_info('veo2/image-to-video') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["veo2/image-to-video"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["video-01"],
            prompt: str,
            image_url: Image | None = ...,
            enhance_prompt: bool | None = True,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit video-01's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), image_url, enhance_prompt; aiovideo.model_info('video-01') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["video-01"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["video-01-live2d"],
            prompt: str,
            image_url: Image,
            enhance_prompt: bool | None = True,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit video-01-live2d's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), image_url (required), enhance_prompt; aiovideo.model_info('video-01-live2d') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["video-01-live2d"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["wan/v2.1/1.3b/text-to-video"],
            prompt: str,
            negative_prompt: str | None = ...,
            seed: int | None = ...,
            aspect_ratio: Literal["9:16", "16:9"] | None = "16:9",
            inference_steps: int | None = 30,
            guidance_scale: float | None = 5,
            shift: float | None = 5,
            sampler: Literal["unipc", "dpm+"] | None = "unipc",
            enable_safety_checker: bool | None = ...,
            enable_prompt_expansion: bool | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit wan/v2.1/1.3b/text-to-video's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt (required), negative_prompt, seed, aspect_ratio, inference_steps, guidance_scale, shift, sampler, enable_safety_checker, enable_prompt_expansion; aiovideo.model_info('wan/v2.1/1.3b/text-to-video') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["wan/v2.1/1.3b/text-to-video"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["x-ai/grok-imagine-video"],
            prompt: str | None = ...,
            image_url: Image | None = ...,
            reference_images: list[Image] | tuple[Image, ...] | None = ...,
            duration: int | None = 10,
            aspect_ratio: Literal["1:1", "16:9", "9:16", "4:3", "3:4", "3:2", "2:3"] | None = "16:9",
            resolution: Literal["480p", "720p", "1080p"] | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit x-ai/grok-imagine-video's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt, image_url, reference_images, duration, aspect_ratio, resolution; aiovideo.model_info('x-ai/grok-imagine-video') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["x-ai/grok-imagine-video"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: Literal["x-ai/grok-imagine-video-1.5-preview"],
            image_url: Image,
            prompt: str | None = ...,
            duration: int | None = 10,
            aspect_ratio: Literal["1:1", "16:9", "9:16", "4:3", "3:4", "3:2", "2:3"] | None = "16:9",
            resolution: Literal["480p", "720p", "1080p"] | None = ...,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
        ) -> R_co: ...
        @overload
        @deprecated("these keywords do not fit x-ai/grok-imagine-video-1.5-preview's fields (a field it does not take, a value outside its choices, or a required one missing); it takes: prompt, image_url (required), duration, aspect_ratio, resolution; aiovideo.model_info('x-ai/grok-imagine-video-1.5-preview') says what each allows")
        def __call__(self, request: None = None, /, *, model: Literal["x-ai/grok-imagine-video-1.5-preview"], timeout: float | None = ..., client_request_id: str | None = ..., extra_fields: Mapping[str, Any] | None = ..., **fields: Any) -> FieldsDoNotFitTheModel: ...

        # A ready request: a VideoRequest, or a mapping of its fields.
        @overload
        def __call__(
            self,
            request: VideoRequest | Mapping[str, Any],
            /,
            *,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
        ) -> R_co: ...

        # A model id newer than the table, or one held in a plain str: any fields.
        @overload
        def __call__(
            self,
            request: None = None,
            /,
            *,
            model: str,
            timeout: float | None = ...,
            client_request_id: str | None = ...,
            extra_fields: Mapping[str, Any] | None = ...,
            **fields: Any,
        ) -> R_co: ...


def typed_async(method: Callable[..., Coroutine[Any, Any, R]]) -> Submit[Coroutine[Any, Any, R]]:
    """`Client.submit`/`generate` with the typed face (at run time: `method` itself)."""
    return cast("Submit[Coroutine[Any, Any, R]]", method)


def typed_sync(method: Callable[..., R]) -> Submit[R]:
    """`SyncClient.submit`/`generate` with the typed face (at run time: `method` itself)."""
    return cast("Submit[R]", method)


def untyped(face: Submit[R]) -> Callable[..., R]:
    """The method behind a typed face, for a call that passes on fields it was given."""
    return cast("Callable[..., R]", face)
