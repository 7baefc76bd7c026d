package mydocker.ch08.api;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mydocker.ch03.Storage;
import mydocker.ch04.image.Image;
import mydocker.ch04.image.ImageReference;
import mydocker.ch04.image.ImageStore;

/** {@code /images/...}: chapter 4's image store as the API shows it. */
final class ImageEndpoints {
    /** {@code GET /images/json}: one entry per image, its names as RepoTags (docker images). */
    ApiResponse list(ApiRequest request) throws IOException {
        ImageStore store = ImageStore.at(Storage.dataRoot());
        List<Map<String, Object>> images = new ArrayList<>();
        for (Image image : store.list()) {
            Map<String, Object> i = new LinkedHashMap<>();
            i.put("Id", image.id());
            i.put("ParentId", "");
            i.put(
                    "RepoTags",
                    image.references().stream().map(ImageReference::toString).toList());
            i.put("RepoDigests", List.of());
            i.put("Created", image.config().created().getEpochSecond());
            long size = store.size(image);
            i.put("Size", size);
            i.put("VirtualSize", size);
            i.put("SharedSize", -1);
            i.put("Labels", Map.of());
            i.put("Containers", -1);
            images.add(i);
        }
        return ApiResponse.ok(images);
    }
}
