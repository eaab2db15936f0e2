/* The book's network explorer (issue 15): the actor network of a strand, to search, filter,
 * pan and zoom. Its data (JSON in the page, or in the site's file the page names) come from
 * eucasia.presentation.page.explorer, with the printed figure's positions, colours and shapes.
 * Every value from the data reaches the page as text (textContent), never as markup.
 *
 * The search box, the type filter, the list of actors and the panel work without the canvas
 * (they are the keyboard path and the text alternative); the canvas (sigma.js and graphology,
 * vendored in _static/vendor/, about a quarter of a megabyte) is fetched from this site when
 * the reader turns to the explorer: the "Show the graph" button, a mouse over the explorer, or
 * the keyboard focus inside it. Scrolling past it costs nothing, which keeps a chapter's first
 * load within the site's budget on a phone.
 * The wheel and touch gestures scroll the page until the reader activates the canvas (a click
 * on it, or the "Move and zoom" button): the explorer never takes over the page's scrolling.
 *
 * State a test (or a curious reader) can read on the explorer element: data-strand,
 * data-selected, data-highlighted (the selected actor and its partners, sorted ids),
 * data-hidden-types, data-canvas (waiting, loading, ready, unavailable), data-interactive.
 */
(() => {
  "use strict";
  const HERE = document.currentScript ? document.currentScript.src : "";
  const VENDOR = ["vendor/graphology-0.26.0.umd.min.js", "vendor/sigma-3.0.3.min.js"];
  /* The graph's colours besides the actor types' (which are the figure's, in both modes): a
   * light page draws on white as the printed figure does, its ties in the figure's colour and
   * opacity (the style table's, in the data: strand.tie); a dark page draws on its own dark
   * ground, with light labels and ties (the actor colours keep at least 3:1 against it), the
   * ties at the figure's opacity. */
  const PALETTES = {
    light: {
      label: "#1a1a1a", edge: null, edgeFocus: "rgba(51, 51, 51, 0.8)",
      faded: "#e4e4e4", edgeFaded: "rgba(200, 200, 200, 0.35)",
    },
    dark: {
      label: "#ececec", edge: "#bebebe", edgeFocus: "rgba(235, 235, 235, 0.85)",
      faded: "#3b424d", edgeFaded: "rgba(120, 120, 120, 0.3)",
    },
  };
  /* `#rrggbb` at `opacity`, as a CSS colour sigma reads. */
  function rgba(hex, opacity) {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
    return `rgba(${r}, ${g}, ${b}, ${opacity})`;
  }
  /* The list's orders: the first is the chapter table's (by strength, as Table N.2 ranks). */
  const ORDERS = [
    ["strength", "by strength (as the table)"],
    ["initiatives", "by initiatives"],
    ["name", "by name"],
  ];
  let counter = 0;
  let vendor = null;

  /* An element with attributes and optional text (set as text, never parsed as HTML). */
  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (key === "className") node.className = value;
      else node.setAttribute(key, value);
    }
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function loadVendor() {
    if (!vendor) {
      vendor = VENDOR.reduce((previous, path) => previous.then(() => new Promise((resolve, reject) => {
        const script = el("script", { src: new URL(path, HERE).href });
        script.onload = resolve;
        script.onerror = () => reject(new Error("could not load " + path));
        document.head.appendChild(script);
      })), Promise.resolve());
    }
    return vendor;
  }

  /* Square nodes (the style table's "s" marker): two triangles around the node's centre, with
   * the node's size as the half side (the data give a square a smaller size than a circle of
   * the same strength, so that both cover the same area, as in the printed figure). */
  function squareProgram(Sigma) {
    const { NodeProgram } = Sigma.rendering;
    const { floatColor } = Sigma.utils;
    const GL = WebGLRenderingContext;
    const VERTEX = `
attribute vec4 a_id; attribute vec4 a_color; attribute vec2 a_position;
attribute float a_size; attribute vec2 a_corner;
uniform mat3 u_matrix; uniform float u_sizeRatio; uniform float u_correctionRatio;
varying vec4 v_color;
void main() {
  float side = a_size * u_correctionRatio / u_sizeRatio * 2.0;
  gl_Position = vec4((u_matrix * vec3(a_position + side * a_corner, 1)).xy, 0, 1);
  #ifdef PICKING_MODE
  v_color = a_id;
  #else
  v_color = a_color;
  #endif
  v_color.a *= 255.0 / 254.0;
}`;
    const FRAGMENT = `precision mediump float; varying vec4 v_color;
void main(void) { gl_FragColor = v_color; }`;
    return class SquareProgram extends NodeProgram {
      getDefinition() {
        return {
          VERTICES: 6, VERTEX_SHADER_SOURCE: VERTEX, FRAGMENT_SHADER_SOURCE: FRAGMENT,
          METHOD: GL.TRIANGLES, UNIFORMS: ["u_sizeRatio", "u_correctionRatio", "u_matrix"],
          ATTRIBUTES: [
            { name: "a_position", size: 2, type: GL.FLOAT },
            { name: "a_size", size: 1, type: GL.FLOAT },
            { name: "a_color", size: 4, type: GL.UNSIGNED_BYTE, normalized: true },
            { name: "a_id", size: 4, type: GL.UNSIGNED_BYTE, normalized: true },
          ],
          CONSTANT_ATTRIBUTES: [{ name: "a_corner", size: 2, type: GL.FLOAT }],
          CONSTANT_DATA: [[-1, -1], [1, -1], [1, 1], [-1, -1], [1, 1], [-1, 1]],
        };
      }
      processVisibleItem(nodeIndex, offset, data) {
        const array = this.array;
        array[offset++] = data.x;
        array[offset++] = data.y;
        array[offset++] = data.size;
        array[offset++] = floatColor(data.color);
        array[offset++] = nodeIndex;
      }
      setUniforms(params, { gl, uniformLocations }) {
        gl.uniform1f(uniformLocations.u_sizeRatio, params.sizeRatio);
        gl.uniform1f(uniformLocations.u_correctionRatio, params.correctionRatio);
        gl.uniformMatrix3fv(uniformLocations.u_matrix, false, params.matrix);
      }
    };
  }

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  class Explorer {
    constructor(root, data) {
      this.root = root;
      this.data = data;
      this.id = "eucasia-explorer-" + ++counter;
      this.hiddenTypes = new Set();
      this.selected = null;
      this.hovered = null;
      this.sigma = null;
      this.interactive = false;
      this.build();
      this.useStrand(0);
    }

    /* ------------------------------------------------------------------ the page's parts */
    build() {
      const root = this.root;
      const intro = root.querySelector(".eucasia-explorer-intro");
      if (intro) intro.textContent = "Find an actor, or pick one in the list: it is highlighted with its partners, " +
        "and Enter (or a click) opens the initiatives it takes part in, with whom. Filter by actor type; pan and zoom the graph.";
      const controls = el("div", { className: "eucasia-ex-controls" });
      if (this.data.strands.length > 1) {
        const strands = el("fieldset", { className: "eucasia-ex-strands" });
        strands.append(el("legend", {}, "Strand"));
        this.data.strands.forEach((strand, index) => {
          const input = el("input", { type: "radio", name: this.id + "-strand", value: String(index) });
          input.checked = index === 0;
          input.addEventListener("change", () => input.checked && this.useStrand(index));
          const label = el("label", { className: "eucasia-ex-choice" });
          label.append(input, document.createTextNode(" " + strand.title));
          strands.append(label);
        });
        controls.append(strands);
      }
      const search = el("div", { className: "eucasia-ex-search" });
      this.input = el("input", {
        type: "search", id: this.id + "-search", autocomplete: "off",
        "aria-describedby": this.id + "-status", "aria-controls": this.id + "-list",
      });
      search.append(el("label", { for: this.id + "-search" }, "Find an actor"), this.input);
      this.input.addEventListener("input", () => this.filterList());
      this.input.addEventListener("keydown", (event) => {
        if (event.key === "Enter") {
          event.preventDefault();
          const first = this.visibleButtons()[0];
          if (first) this.select(first.dataset.actor, true);
          else this.announce("No actor matches \u201c" + this.input.value + "\u201d.");
        } else if (event.key === "ArrowDown") {
          const first = this.visibleButtons()[0];
          if (first) { event.preventDefault(); first.focus(); }
        }
      });
      this.types = el("fieldset", { className: "eucasia-ex-types" });
      controls.append(search, this.types);

      const main = el("div", { className: "eucasia-ex-main" });
      this.stage = el("div", { className: "eucasia-ex-stage" });
      this.canvas = el("div", { className: "eucasia-ex-canvas", "aria-hidden": "true" });
      this.tooltip = el("div", { className: "eucasia-ex-tooltip", "aria-hidden": "true" });
      this.tooltip.hidden = true;
      this.hint = el("p", { className: "eucasia-ex-hint", "aria-hidden": "true" });
      this.hint.hidden = true;
      const tools = el("div", { className: "eucasia-ex-tools" });
      const button = (text, action) => {
        const b = el("button", { type: "button", className: "eucasia-ex-tool" }, text);
        b.addEventListener("click", action);
        tools.append(b);
        return b;
      };
      button("Zoom in", () => this.sigma && this.sigma.getCamera().animatedZoom({ duration: 300 }));
      button("Zoom out", () => this.sigma && this.sigma.getCamera().animatedUnzoom({ duration: 300 }));
      button("Reset view", () => this.sigma && this.sigma.getCamera().animatedReset({ duration: 300 }));
      this.activator = button("Move and zoom", () => this.setInteractive(!this.interactive));
      this.activator.setAttribute("aria-pressed", "false");
      this.activator.title = "Let the wheel and your fingers pan and zoom the graph (Escape stops)";
      this.show = el("button", { type: "button", className: "eucasia-ex-show" }, "Show the graph");
      this.stage.append(this.canvas, this.show, this.tooltip, this.hint);
      this.stage.addEventListener("wheel", () => this.interactive || this.flashHint(
        "Click the graph, or press \u201cMove and zoom\u201d, to zoom with the wheel."), { passive: true });
      this.stage.addEventListener("touchstart", () => this.interactive || this.flashHint(
        "Press \u201cMove and zoom\u201d to pan and zoom with your fingers."), { passive: true });
      this.stage.addEventListener("mouseleave", () => this.clickActivated && this.setInteractive(false));

      const side = el("div", { className: "eucasia-ex-side" });
      this.panel = el("div", { className: "eucasia-ex-panel", id: this.id + "-panel", tabindex: "-1" });
      this.panel.hidden = true;
      const head = el("div", { className: "eucasia-ex-listhead" });
      this.listTitle = el("p", { className: "eucasia-ex-listtitle", id: this.id + "-listtitle" });
      const order = el("label", { className: "eucasia-ex-order" }, "Order ");
      this.order = el("select", { "aria-controls": this.id + "-list" });
      for (const [value, text] of ORDERS) this.order.append(el("option", { value }, text));
      this.order.addEventListener("change", () => this.buildList());
      order.append(this.order);
      head.append(this.listTitle, order);
      this.list = el("ul", { className: "eucasia-ex-list", id: this.id + "-list", "aria-labelledby": this.id + "-listtitle" });
      side.append(this.panel, head, this.list);
      const view = el("div", { className: "eucasia-ex-view" });
      view.append(tools, this.stage);
      main.append(view, side);
      this.watchTheme();
      this.status = el("p", { className: "eucasia-ex-status", id: this.id + "-status", "aria-live": "polite" });
      root.append(controls, main, this.status);
      root.addEventListener("keydown", (event) => {
        if (event.key !== "Escape") return;
        if (this.interactive) this.setInteractive(false);
        else if (this.selected) { const back = this.selected; this.select(null); this.focusActor(back); }
      });
      root.dataset.canvas = "waiting";
      root.dataset.interactive = "false";
    }

    /* ------------------------------------------------------------------ data */
    useStrand(index) {
      const strand = this.data.strands[index];
      this.strand = strand;
      this.nodes = new Map(strand.nodes.map((n) => [n.id, n]));
      this.typeOf = new Map(strand.types.map((t) => [t.id, t]));
      this.partners = new Map(strand.nodes.map((n) => [n.id, new Set()]));
      for (const [u, v] of strand.edges) {
        this.partners.get(u).add(v);
        this.partners.get(v).add(u);
      }
      this.members = new Map();  // initiative -> actors sharing it
      for (const n of strand.nodes) {
        for (const [initiative] of n.initiatives) {
          if (!this.members.has(initiative)) this.members.set(initiative, []);
          this.members.get(initiative).push(n.id);
        }
      }
      this.root.dataset.strand = strand.strand;
      this.selected = null;
      this.hovered = null;
      this.buildTypes();
      this.buildList();
      this.showPanel();
      if (this.sigma) this.drawGraph();  // before update(): the reducers read the new strand
      this.update();
    }

    buildTypes() {
      this.types.replaceChildren(el("legend", {}, "Actor types"));
      for (const type of this.strand.types) {
        const input = el("input", { type: "checkbox", value: type.id });
        input.checked = !this.hiddenTypes.has(type.id);
        input.addEventListener("change", () => {
          if (input.checked) this.hiddenTypes.delete(type.id);
          else this.hiddenTypes.add(type.id);
          if (this.selected && this.hiddenTypes.has(this.nodes.get(this.selected).type)) this.select(null);
          this.filterList();
          this.update();
        });
        const swatch = el("span", {
          className: type.shape === "square" ? "eucasia-ex-swatch eucasia-ex-square" : "eucasia-ex-swatch",
          "aria-hidden": "true",
        });
        swatch.style.background = type.colour;
        const label = el("label", { className: "eucasia-ex-choice" });
        label.append(input, swatch, document.createTextNode(type.label));
        this.types.append(label);
      }
    }

    /* The strand's actors in the order chosen: by strength (the data's order, which is the
     * chapter table's), by initiatives, or by name; the list's title says which. */
    orderedNodes() {
      const key = this.order.value;
      const nodes = [...this.strand.nodes];
      const byName = (a, b) => a.name.localeCompare(b.name, "en");
      if (key === "name") nodes.sort(byName);
      if (key === "initiatives") nodes.sort((a, b) => b.initiatives.length - a.initiatives.length || b.strength - a.strength || byName(a, b));
      return nodes;
    }

    buildList() {
      this.list.replaceChildren();
      const chosen = ORDERS.find(([value]) => value === this.order.value) || ORDERS[0];
      this.listTitle.textContent = this.count(this.strand.nodes.length, "actor") + ", " + chosen[1];
      this.list.dataset.order = chosen[0];
      for (const node of this.orderedNodes()) {
        const item = el("li", { "data-type": node.type });
        const button = el("button", {
          type: "button", className: "eucasia-ex-actor", "data-actor": node.id,
          "aria-pressed": "false", "aria-controls": this.id + "-panel",
        });
        button.append(el("span", { className: "eucasia-ex-name" }, node.name),
          el("span", { className: "eucasia-ex-meta" }, this.typeOf.get(node.type).label + " \u00b7 " +
            this.count(node.initiatives.length, "initiative") + " \u00b7 strength " + node.strength));
        button.setAttribute("aria-pressed", String(node.id === this.selected));
        button.addEventListener("click", () => this.select(node.id === this.selected ? null : node.id));
        button.addEventListener("focus", () => this.hover(node.id));
        button.addEventListener("blur", () => this.hover(null));
        button.addEventListener("mouseenter", () => this.hover(node.id));
        button.addEventListener("mouseleave", () => this.hover(null));
        button.addEventListener("keydown", (event) => {
          const buttons = this.visibleButtons();
          const at = buttons.indexOf(button);
          if (event.key === "ArrowDown" && at < buttons.length - 1) { event.preventDefault(); buttons[at + 1].focus(); }
          if (event.key === "ArrowUp") { event.preventDefault(); (at > 0 ? buttons[at - 1] : this.input).focus(); }
        });
        item.append(button);
        this.list.append(item);
      }
      this.filterList();
    }

    count(n, noun) {
      return n + " " + (n === 1 ? noun : noun + "s");
    }

    visibleButtons() {
      return [...this.list.querySelectorAll("li:not([hidden]) button")];
    }

    filterList() {
      const query = fold(this.input.value.trim());
      let shown = 0;
      for (const item of this.list.children) {
        const node = this.nodes.get(item.firstChild.dataset.actor);
        const match = !this.hiddenTypes.has(node.type) &&
          (!query || fold(node.name).includes(query) || fold(node.short).includes(query));
        item.hidden = !match;
        shown += match ? 1 : 0;
      }
      if (query) this.announce(shown ? this.count(shown, "actor") + " match; Enter selects the first." : "No actor matches.");
    }

    /* ------------------------------------------------------------------ highlight and panel */
    hover(id) {
      this.hovered = id;
      this.update();
    }

    select(id, fromSearch) {
      this.selected = id;
      for (const button of this.list.querySelectorAll("button")) {
        button.setAttribute("aria-pressed", String(button.dataset.actor === id));
      }
      this.showPanel();
      this.update();
      if (id) {
        const node = this.nodes.get(id);
        const partners = this.visiblePartners(id).length;
        this.announce(node.name + " selected: " + this.count(partners, "partner") + " highlighted, " +
          this.count(node.initiatives.length, "initiative") + " listed.");
        if (fromSearch === "graph") this.revealPanel();
        else if (!fromSearch) this.panel.focus();
        if (this.sigma) this.frame([id, ...this.visiblePartners(id)]);
      } else {
        this.announce("No actor selected.");
      }
    }

    /* Move the camera so the actor and its partners fill the graph (never zoomed out past the
     * whole network): their labels then have room. */
    frame(ids) {
      const points = ids.map((id) => this.sigma.getNodeDisplayData(id)).filter(Boolean);
      if (!points.length) return;
      const xs = points.map((p) => p.x);
      const ys = points.map((p) => p.y);
      const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
      const ratio = Math.min(1, Math.max(0.3, 1.3 * Math.max(x1 - x0, y1 - y0)));
      this.sigma.getCamera().animate({ x: (x0 + x1) / 2, y: (y0 + y1) / 2, ratio }, { duration: 300 });
    }

    /* Chosen on the graph with the pointer: the panel (under the graph) is scrolled into view if
     * it is not, and the focus stays where it is. */
    revealPanel() {
      const box = this.panel.getBoundingClientRect();
      if (box.top > window.innerHeight - 80) {
        this.panel.scrollIntoView({ block: "nearest", behavior: "smooth" });
      }
    }

    focusActor(id) {
      const button = this.list.querySelector(`button[data-actor="${CSS.escape(id)}"]`);
      if (button && !button.closest("li").hidden) button.focus();
    }

    visiblePartners(id) {
      return [...this.partners.get(id)].filter((p) => !this.hiddenTypes.has(this.nodes.get(p).type));
    }

    focusSet() {
      const id = this.hovered || this.selected;
      return id ? new Set([id, ...this.visiblePartners(id)]) : null;
    }

    update() {
      const root = this.root;
      root.dataset.selected = this.selected || "";
      root.dataset.highlighted = this.selected
        ? [this.selected, ...this.visiblePartners(this.selected)].sort().join(" ") : "";
      root.dataset.hiddenTypes = [...this.hiddenTypes].sort().join(" ");
      this.showTooltip(this.hovered);
      if (this.sigma) this.sigma.refresh({ skipIndexation: true });
    }

    showPanel() {
      const panel = this.panel;
      panel.replaceChildren();
      const node = this.selected && this.nodes.get(this.selected);
      panel.hidden = !node;
      if (!node) return;
      const type = this.typeOf.get(node.type);
      panel.append(el("p", { className: "eucasia-ex-panel-name" }, node.name));
      const about = el("p", { className: "eucasia-ex-panel-meta" }, type.label + " \u00b7 ");
      about.append(el("a", { href: this.data.actorPages + encodeURIComponent(node.id) + ".html" }, "actor page"));
      panel.append(about);
      const partners = this.visiblePartners(node.id).length;
      const alone = node.initiatives.length - node.shared;
      panel.append(el("p", { className: "eucasia-ex-panel-counts" },
        "Takes part in " + this.count(node.initiatives.length, "initiative") + " of this strand" +
        (node.shared ? "; shares " + (alone ? node.shared + " of them" : (node.shared === 1 ? "it" : "them")) +
          " with " + this.count(partners, "partner") + " (strength " + node.strength + ")"
          : ", none of them with another actor") + ":"));
      const list = el("ul", { className: "eucasia-ex-initiatives" });
      for (const [initiative, role] of node.initiatives) {
        const item = el("li", { "data-initiative": initiative });
        item.append(el("a", { href: this.strand.page + "#initiative-" + encodeURIComponent(initiative) }, initiative));
        item.append(document.createTextNode(" " + (this.strand.initiatives[initiative] || "")));
        const others = this.members.get(initiative).filter((a) => a !== node.id).map((a) => this.nodes.get(a).name);
        const detail = [role && "role: " + role, others.length ? "with " + others.join(", ") : "no other actor"].filter(Boolean);
        if (detail.length) item.append(el("span", { className: "eucasia-ex-meta" }, " (" + detail.join("; ") + ")"));
        list.append(item);
      }
      panel.append(list);
      const close = el("button", { type: "button", className: "eucasia-ex-tool" }, "Close");
      close.addEventListener("click", () => { const back = node.id; this.select(null); this.focusActor(back); });
      panel.append(close);
    }

    showTooltip(id) {
      const tip = this.tooltip;
      if (!id || !this.sigma) { tip.hidden = true; return; }
      const node = this.nodes.get(id);
      const at = this.sigma.graphToViewport({ x: node.x, y: node.y });
      tip.replaceChildren(el("strong", {}, node.name),
        el("span", {}, this.typeOf.get(node.type).label),
        el("span", {}, this.count(node.initiatives.length, "initiative") + ", strength " + node.strength + ", " +
          this.count(this.visiblePartners(id).length, "partner")));
      tip.hidden = false;
      const width = this.stage.clientWidth;
      tip.style.left = Math.max(4, Math.min(at.x + 12, width - tip.offsetWidth - 4)) + "px";
      tip.style.top = Math.max(4, at.y - tip.offsetHeight - 12) + "px";
    }

    announce(text) {
      this.status.textContent = text;
    }

    flashHint(text) {
      this.hint.textContent = text;
      this.hint.hidden = false;
      clearTimeout(this.hintTimer);
      this.hintTimer = setTimeout(() => { this.hint.hidden = true; }, 2500);
    }

    setInteractive(on, byClick) {
      this.interactive = on;
      this.clickActivated = on && Boolean(byClick);
      this.root.dataset.interactive = String(on);
      this.activator.setAttribute("aria-pressed", String(on));
      this.stage.classList.toggle("eucasia-ex-active", on);
      if (on) this.hint.hidden = true;
      if (this.sigma) {
        this.sigma.setSetting("enableCameraZooming", on);
        this.touchable(on);
      }
    }

    /* Touch gestures go to the graph only when it is active: sigma's touch captor and the
     * "touch-action: none" it puts on its top canvas would otherwise keep a finger that lands
     * on the graph from scrolling the page. */
    touchable(on) {
      this.sigma.getTouchCaptor().enabled = on;
      const top = this.sigma.getCanvases().mouse;
      if (top) top.style.touchAction = on ? "none" : "auto";
    }

    /* ------------------------------------------------------------------ the canvas */
    startCanvas() {
      if (this.root.dataset.canvas !== "waiting") return;
      this.root.dataset.canvas = "loading";
      this.show.textContent = "Loading the graph\u2026";
      loadVendor().then(() => {
        this.Square = squareProgram(window.Sigma);
        this.drawGraph();
        this.update();
        this.show.remove();
        this.root.dataset.canvas = "ready";
      }).catch((error) => {
        this.show.remove();
        this.root.dataset.canvas = "unavailable";
        this.canvas.append(el("p", { className: "eucasia-ex-hint" },
          "The graph cannot be drawn in this browser; the list, the figure and the tables show the same network."));
        console.warn("eucasia explorer:", error);
      });
    }

    /* The colours of the page's mode (html[data-theme], pydata's switch), followed as it
     * changes. */
    palette() {
      return PALETTES[document.documentElement.dataset.theme === "dark" ? "dark" : "light"];
    }

    watchTheme() {
      new MutationObserver(() => {
        if (!this.sigma) return;
        this.sigma.setSetting("labelColor", { color: this.palette().label });
        for (const id of this.graph.edges()) this.graph.setEdgeAttribute(id, "color", this.tieColour());
        this.sigma.refresh();
      }).observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
    }

    /* The ties' colour: the figure's (the style table's colour and opacity, in the data) on a
     * light page; on a dark one, light at the figure's opacity. */
    tieColour() {
      const tie = this.strand.tie;
      return rgba(this.palette().edge || tie.colour, tie.opacity);
    }

    drawGraph() {
      const { Sigma, graphology } = window;
      const strand = this.strand;
      const graph = new graphology.Graph({ type: "undirected" });
      // The figure's sizes (half widths in points, on a 7 in figure) scaled to the canvas, as
      // the figure itself is scaled to the page's column; its ties' widths (points) likewise.
      // Positions are the figure's points too: sigma fits them to the canvas at one scale for
      // x and y, centred, so the layout keeps the figure's proportions (never stretched).
      const scale = Math.max(0.55, Math.min(1.3, this.canvas.clientWidth / 640));
      for (const node of strand.nodes) {
        const type = this.typeOf.get(node.type);
        graph.addNode(node.id, {
          x: node.x, y: node.y, size: node.size * scale, label: node.short, color: type.colour,
          type: type.shape === "square" ? "square" : "circle",
        });
      }
      for (const [u, v, , width] of strand.edges) {
        graph.addEdge(u, v, { size: width * scale, color: this.tieColour() });
      }
      this.scale = scale;
      this.graph = graph;
      this.plan = null;
      if (this.sigma) { this.sigma.kill(); this.canvas.replaceChildren(); }
      this.sigma = new Sigma(graph, this.canvas, {
        nodeProgramClasses: { square: this.Square },
        labelFont: "system-ui, -apple-system, 'Segoe UI', sans-serif",
        labelSize: 12,
        labelColor: { color: this.palette().label },
        // Sigma's own choice of labels is off: labelPlan names the actors, most central first.
        labelRenderedSizeThreshold: Infinity,
        defaultDrawNodeLabel: (context, data, settings) => this.drawLabel(context, data, settings, false),
        defaultDrawNodeHover: (context, data, settings) => this.drawLabel(context, data, settings, true),
        allowInvalidContainer: true,
        stagePadding: 24,
        enableCameraZooming: this.interactive,
        enableCameraRotation: false,
        minCameraRatio: 0.08,
        maxCameraRatio: 3,
        zIndex: true,
        nodeReducer: (id, attrs) => this.nodeLook(id, attrs),
        edgeReducer: (id, attrs) => this.edgeLook(id, attrs),
      });
      this.touchable(this.interactive);
      this.sigma.on("enterNode", ({ node }) => this.hover(node));
      this.sigma.on("leaveNode", () => this.hover(null));
      this.sigma.on("clickNode", ({ node }) => { this.select(node, "graph"); });
      this.sigma.on("clickStage", () => this.interactive || this.setInteractive(true, true));
      // The labels are planned for the view: planned again once the camera or the size changes.
      const replan = () => {
        if (this.replanning) return;
        this.replanning = requestAnimationFrame(() => {
          this.replanning = null;
          if (this.sigma) this.sigma.refresh({ skipIndexation: true });
        });
      };
      this.sigma.getCamera().on("updated", replan);
      this.sigma.on("resize", replan);
    }

    nodeLook(id, attrs) {
      const node = this.nodes.get(id);
      if (this.hiddenTypes.has(node.type)) return { ...attrs, hidden: true };
      const focus = this.focusSet();
      // The labels drawn are chosen as the printed figure chooses them: most central first, each
      // where it fits (labelPlan); the tooltip, the panel and the list name every actor.
      const planned = this.sigma && this.sigma.getGraph() === this.graph && this.labelPlan().has(id);
      const label = planned ? attrs.label : null;
      if (!focus) return { ...attrs, label, forceLabel: label !== null };
      if (!focus.has(id)) return { ...attrs, color: this.palette().faded, label: null, zIndex: 0 };
      const focused = id === (this.hovered || this.selected);
      return { ...attrs, label, forceLabel: label !== null, zIndex: 1, highlighted: focused };
    }

    /* A label where labelPlan put it (right, left, above or below its node), on a halo of the
     * canvas's ground as in the printed figure; a hovered or selected actor's on a framed box.
     * The whole name, on the lines the data wrap it to (as the figure wraps it): never cut. */
    drawLabel(context, data, settings, boxed) {
      if (!data.label) return;
      const size = settings.labelSize;
      context.font = `${settings.labelWeight} ${size}px ${settings.labelFont}`;
      const lines = this.labelLines(data.key);
      const width = Math.max(...lines.map((line) => context.measureText(line).width));
      const [x0, y0, x1, y1] = this.placeLabel(data.x, data.y, data.size, width, this.labelHeight(lines.length, size),
        (this.plan && this.plan.sides.get(data.key)) || "right");
      const ground = getComputedStyle(this.stage).backgroundColor;
      const step = this.lineStep(size);
      if (boxed) {
        context.fillStyle = ground;
        context.strokeStyle = this.palette().label;
        context.lineWidth = 1;
        context.fillRect(x0 - 3, y0 - 2, x1 - x0 + 6, y1 - y0 + 4);
        context.strokeRect(x0 - 3, y0 - 2, x1 - x0 + 6, y1 - y0 + 4);
      } else {
        context.lineJoin = "round";
        context.lineWidth = 3;
        context.strokeStyle = ground;
        lines.forEach((line, i) => context.strokeText(line, x0, y0 + size * 0.78 + i * step));
      }
      context.fillStyle = this.palette().label;
      lines.forEach((line, i) => context.fillText(line, x0, y0 + size * 0.78 + i * step));
    }

    /* An actor's label as lines: the data's wrapping of its whole figure label. */
    labelLines(id) {
      const node = this.nodes.get(id);
      return node ? (node.lines && node.lines.length ? node.lines : [node.short]) : [];
    }

    lineStep(size) {
      return Math.round(size * 1.2);
    }

    /* The height (pixels) of a label of `count` lines of type `size`. */
    labelHeight(count, size) {
      return size + Math.max(0, count - 1) * this.lineStep(size);
    }

    /* The box [left, top, right, bottom] of a label of `width` and `height` placed on `side` of a
     * node drawn at (x, y) with half width `radius` (viewport pixels). */
    placeLabel(x, y, radius, width, height, side) {
      const gap = 3;
      if (side === "left") return [x - radius - gap - width, y - height / 2, x - radius - gap, y + height / 2];
      if (side === "above") return [x - width / 2, y - radius - gap - height, x + width / 2, y - radius - gap];
      if (side === "below") return [x - width / 2, y + radius + gap, x + width / 2, y + radius + gap + height];
      return [x + radius + gap, y - height / 2, x + radius + gap + width, y + height / 2];
    }

    /* The actors whose labels are drawn, and on which side: as the printed figure names them
     * (networkfig.name_nodes), the focused actor first, then the others shown (or, with a
     * focus, its partners) most central first, each on the first side where its label stays
     * inside the canvas and meets no label placed before it and no other node.
     * Kept until the focus, the camera, the width or the type filter changes. */
    labelPlan() {
      const camera = this.sigma.getCamera().getState();
      const focusId = this.hovered || this.selected;
      const { width, height } = this.sigma.getDimensions();  // what graphToViewport works in
      const key = [focusId, camera.x, camera.y, camera.ratio, width, height, [...this.hiddenTypes]].join("|");
      if (this.plan && this.plan.key === key && this.plan.graph === this.graph) return this.plan.ids;
      const sigma = this.sigma;
      const size = sigma.getSetting("labelSize");
      this.measure = this.measure || document.createElement("canvas").getContext("2d");
      this.measure.font = `${sigma.getSetting("labelWeight")} ${size}px ${sigma.getSetting("labelFont")}`;
      const focus = this.focusSet();
      const shown = this.strand.nodes.map((n) => n.id).filter((id) => !this.hiddenTypes.has(this.nodes.get(id).type));
      const at = new Map(shown.map((id) => {
        const attrs = this.graph.getNodeAttributes(id);
        return [id, { ...sigma.graphToViewport({ x: attrs.x, y: attrs.y }), r: sigma.scaleSize(attrs.size), label: attrs.label }];
      }));
      const markers = shown.map((id) => {
        const p = at.get(id);
        return [p.x - p.r, p.y - p.r, p.x + p.r, p.y + p.r, id];
      });
      const meets = (a, b) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
      const candidates = shown.filter((id) => !focus || focus.has(id))
        .sort((a, b) => (b === focusId) - (a === focusId));  // stable: the data's order, by strength
      const placed = [];
      const ids = new Set();
      const sides = new Map();
      for (const id of candidates) {
        const p = at.get(id);
        const lines = this.labelLines(id);
        const textWidth = Math.max(...lines.map((line) => this.measure.measureText(line).width));
        const tall = this.labelHeight(lines.length, size);
        const box = (side) => this.placeLabel(p.x, p.y, p.r, textWidth, tall, side);
        const inside = (b) => b[0] >= 0 && b[2] <= width && b[1] >= 0 && b[3] <= height;
        const SIDES = ["right", "left", "above", "below"];
        // The focused actor is named whatever else is drawn: on the first side where its whole
        // label stays inside the canvas (a long name takes several lines), else on its right.
        const side = id === focusId
          ? SIDES.find((s) => inside(box(s))) || "right"
          : SIDES.find((s) => inside(box(s)) && !placed.some((o) => meets(box(s), o)) &&
              !markers.some((m) => m[4] !== id && meets(box(s), m)));
        if (!side) continue;
        placed.push(box(side));
        ids.add(id);
        sides.set(id, side);
      }
      this.plan = { key, ids, sides, boxes: placed, graph: this.graph };
      return ids;
    }

    edgeLook(id, attrs) {
      const [u, v] = this.graph.extremities(id);
      if (this.hiddenTypes.has(this.nodes.get(u).type) || this.hiddenTypes.has(this.nodes.get(v).type)) {
        return { ...attrs, hidden: true };
      }
      const focusId = this.hovered || this.selected;
      if (!focusId) return attrs;
      if (u === focusId || v === focusId) return { ...attrs, color: this.palette().edgeFocus, zIndex: 1 };
      return { ...attrs, color: this.palette().edgeFaded, zIndex: 0 };
    }
  }

  /* The explorer's data: in the page as JSON (a notebook's output), or, on the site, in the
   * script file the empty data element names (eucasia.assembly.explorerdata), loaded now. */
  function loadData(root) {
    const holder = root.querySelector(".eucasia-explorer-data");
    if (!holder) return Promise.reject(new Error("no data element"));
    if (holder.tagName === "SCRIPT") return Promise.resolve(JSON.parse(holder.textContent));
    const key = holder.getAttribute("data-key");
    const stored = () => (window.eucasiaExplorerData || {})[key];
    if (stored()) return Promise.resolve(stored());
    return new Promise((resolve, reject) => {
      const script = el("script", { src: new URL(holder.getAttribute("data-src"), document.baseURI).href });
      script.onload = () => (stored() ? resolve(stored()) : reject(new Error("no data in " + key)));
      script.onerror = () => reject(new Error("could not load " + key));
      document.head.appendChild(script);
    });
  }

  async function start(root) {
    let data;
    try {
      data = await loadData(root);
    } catch (error) {
      console.warn("eucasia explorer: unreadable data", error);
      return;
    }
    const explorer = new Explorer(root, data);
    root.eucasiaExplorer = explorer;
    const draw = () => explorer.startCanvas();
    explorer.show.addEventListener("click", draw);
    root.addEventListener("focusin", draw);
    root.addEventListener("pointerenter", (event) => event.pointerType === "mouse" && draw());
  }

  // After the first paint: the explorer never delays the text.
  const begin = () => requestAnimationFrame(() => setTimeout(() => {
    document.querySelectorAll("div.eucasia-explorer").forEach(start);
  }));
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", begin);
  else begin();
})();
