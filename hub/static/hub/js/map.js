/* CoWorkMed Hub maps: one script for every map of case studies (progressive enhancement).
 *
 * A map is a container with either data-map-markers="<id of a JSON script element>" holding
 * [{id, title, url, lat, lon, city, country, code}, ...] (one case study's point), or
 * data-map-source="<address of a finder's markers.json>" whose compact answer
 * ({base, countries, fields, markers: [[...], ...]}) is fetched and drawn the same way; if
 * it cannot be loaded, the fallback text stays. Without tiles (the default, so
 * no request leaves the site) the map draws markers on a neutral background with a light
 * grid of parallels and meridians and country names placed among their case studies.
 * data-map-tile-url (a {z}/{x}/{y} template) adds a deployment's own tile layer.
 */
(function () {
    "use strict";

    if (!window.L) {
        return;
    }
    var L = window.L;
    var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

    function text(tag, className, content) {
        var element = document.createElement(tag);
        if (className) {
            element.className = className;
        }
        element.textContent = content;
        return element;
    }

    function popup(marker, openLabel) {
        var box = document.createElement("div");
        box.className = "map-popup";
        if (marker.url) {
            var link = text("a", "map-popup__title", marker.title);
            link.href = marker.url;
            link.setAttribute("aria-label", openLabel + ": " + marker.title);
            box.appendChild(link);
        } else {
            box.appendChild(text("strong", "map-popup__title", marker.title));
        }
        var place = [marker.city, marker.country].filter(Boolean).join(", ");
        if (place) {
            box.appendChild(text("span", "map-popup__place", place));
        }
        return box;
    }

    function markerIcon() {
        return L.divIcon({ className: "map__marker", iconSize: [18, 18], iconAnchor: [9, 9], popupAnchor: [0, -10] });
    }

    function clusterIcon(label) {
        return function (cluster) {
            var count = cluster.getChildCount();
            var size = count < 10 ? 34 : count < 100 ? 42 : 50;
            var html = '<span aria-hidden="true">' + count + "</span>" +
                '<span class="visually-hidden">' + label.replace("%(count)s", String(count)) + "</span>";
            return L.divIcon({ html: html, className: "map__cluster", iconSize: [size, size] });
        };
    }

    function graticule(map) {
        var style = { color: "#9fb7bd", weight: 1, opacity: 0.6, interactive: false };
        for (var lat = -80; lat <= 80; lat += 10) {
            L.polyline([[lat, -180], [lat, 180]], style).addTo(map);
        }
        for (var lon = -180; lon <= 180; lon += 10) {
            L.polyline([[-85, lon], [85, lon]], style).addTo(map);
        }
    }

    function countryLabels(map, markers) {
        var groups = {};
        markers.forEach(function (marker) {
            var group = groups[marker.code] || (groups[marker.code] = { name: marker.country, lat: 0, lon: 0, n: 0 });
            group.lat += marker.lat;
            group.lon += marker.lon;
            group.n += 1;
        });
        Object.keys(groups).forEach(function (code) {
            var group = groups[code];
            L.marker([group.lat / group.n, group.lon / group.n], {
                icon: L.divIcon({ className: "map__country", html: text("span", "", group.name), iconSize: null }),
                interactive: false,
                keyboard: false,
                pane: "overlayPane"
            }).addTo(map);
        });
    }

    function expand(data) {
        var fields = data.fields || [];
        return (data.markers || []).map(function (row) {
            var item = {};
            fields.forEach(function (name, i) {
                item[name] = row[i];
            });
            return {
                id: item.id,
                title: item.title,
                url: data.base + item.slug + "/",
                lat: item.lat,
                lon: item.lon,
                city: item.city,
                country: (data.countries || {})[item.code] || item.code,
                code: item.code
            };
        });
    }

    function load(container) {
        if (container.classList.contains("map--ready") || container.classList.contains("map--loading")) {
            return;
        }
        var embedded = container.getAttribute("data-map-markers");
        if (embedded) {
            var source = document.getElementById(embedded);
            if (source) {
                draw(container, JSON.parse(source.textContent));
            }
            return;
        }
        if (!window.fetch) {
            return;
        }
        container.classList.add("map--loading");
        window.fetch(container.getAttribute("data-map-source"), { headers: { Accept: "application/json" } })
            .then(function (response) {
                if (!response.ok) {
                    throw new Error(String(response.status));
                }
                return response.json();
            })
            .then(function (data) {
                container.classList.remove("map--loading");
                draw(container, expand(data));
            })
            .catch(function () {
                container.classList.remove("map--loading");  // the fallback text stays
            });
    }

    function draw(container, markers) {
        var single = container.getAttribute("data-map-single") === "true";
        var tileUrl = container.getAttribute("data-map-tile-url");
        var openLabel = container.getAttribute("data-map-open-label") || "";
        container.textContent = "";
        container.classList.add("map--ready");
        if (!tileUrl) {
            container.classList.add("map--plain");
        }

        var map = L.map(container, {
            scrollWheelZoom: false,
            zoomControl: false,
            attributionControl: Boolean(tileUrl),
            zoomAnimation: !reduceMotion,
            fadeAnimation: !reduceMotion,
            markerZoomAnimation: !reduceMotion,
            worldCopyJump: false,
            minZoom: 2,
            maxZoom: 16
        });
        L.control.zoom({
            zoomInTitle: container.getAttribute("data-map-zoom-in") || "+",
            zoomOutTitle: container.getAttribute("data-map-zoom-out") || "-"
        }).addTo(map);
        if (tileUrl) {
            L.tileLayer(tileUrl, { attribution: container.getAttribute("data-map-tile-attribution") || "" }).addTo(map);
            map.attributionControl.setPrefix(false);
        } else {
            graticule(map);
            countryLabels(map, markers);
        }

        var layer = !single && L.markerClusterGroup
            ? L.markerClusterGroup({
                showCoverageOnHover: false,
                animate: !reduceMotion,
                iconCreateFunction: clusterIcon(container.getAttribute("data-map-cluster-label") || "%(count)s")
            })
            : L.featureGroup();
        markers.forEach(function (marker) {
            var point = L.marker([marker.lat, marker.lon], { icon: markerIcon(), title: marker.title, keyboard: true });
            point.bindPopup(popup(marker, openLabel));
            layer.addLayer(point);
        });
        layer.addTo(map);

        if (!markers.length) {
            map.setView([40, 15], 4);
        } else if (single || markers.length === 1) {
            map.setView([markers[0].lat, markers[0].lon], tileUrl ? 12 : 6);
        } else {
            map.fitBounds(L.latLngBounds(markers.map(function (m) { return [m.lat, m.lon]; })), {
                padding: [40, 40],
                maxZoom: 9,
                animate: false
            });
        }
        container.setAttribute("data-map-marker-count", String(markers.length));
    }

    function init() {
        var containers = document.querySelectorAll("[data-map-markers], [data-map-source]");
        for (var i = 0; i < containers.length; i += 1) {
            load(containers[i]);
        }
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
})();
