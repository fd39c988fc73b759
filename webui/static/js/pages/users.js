// Usuarios: each user's role, zones (from the portfolio's) and access; new
// users; passwords set in a form.
import { api } from "../api.js";
import { $, html, render, replace, say } from "../dom.js";
import { entries } from "../labels.js";
import { askForm, toast } from "../ui.js";

const roleOptions = (selected) => html`${entries("roles")
  .map((r) => html`<option value="${r.code}" ${r.code === selected ? html`selected` : ""}>${r.label}</option>`)}`;
const zoneList = (text) => text.split(",").map((z) => z.trim()).filter(Boolean);

export async function mount(root) {
  let users = [];
  render(root, html`<h2>Usuarios</h2>
    <table class="table table-sm table-hover align-middle" id="tabla-usuarios"><thead><tr><th>Usuario</th><th class="sin-orden">Rol</th><th class="sin-orden">Zonas</th><th class="sin-orden">Activo</th><th class="sin-orden">Acciones</th></tr></thead><tbody></tbody></table>
    <p id="estado-usuarios" role="status"></p>
    <h3>Nuevo usuario</h3>
    <form id="nuevo-usuario">
      <label>Nombre <input class="form-control" name="name" required autocomplete="off"></label>
      <label>Rol <select class="form-select" name="role">${roleOptions("analyst")}</select></label>
      <label>Zonas <input class="form-control" name="zones" placeholder="Z01,Z02" list="zonas-cartera"></label>
      <label>Contraseña <input class="form-control" name="password" type="password" minlength="8" required autocomplete="new-password"></label>
      <button class="btn btn-primary">Crear usuario</button>
    </form>
    <datalist id="zonas-cartera"></datalist>`);
  const status = $("#estado-usuarios", root);
  let known = new Set();

  const row = (u) => html`<tr data-name="${u.name}"><td>${u.name}</td>
      <td><select class="form-select form-select-sm" name="role" aria-label="Rol de ${u.name}">${roleOptions(u.role)}</select></td>
      <td><input class="form-control form-control-sm" name="zones" value="${u.zones.join(",")}" size="12" list="zonas-cartera" aria-label="Zonas de ${u.name}"></td>
      <td><input class="form-check-input" name="active" type="checkbox" ${u.disabled ? "" : html`checked`} aria-label="${u.name} activo"></td>
      <td><div class="d-flex flex-wrap gap-1"><button class="btn btn-sm btn-primary" data-action="save">Guardar</button>
        <button class="btn btn-sm btn-outline-secondary" data-action="password">Cambiar contraseña</button>
        ${u.locked ? html`<button class="btn btn-sm btn-warning" data-action="unlock">Desbloquear</button>` : ""}</div>
        ${u.locked ? html`<span class="badge text-bg-warning">Bloqueado por intentos fallidos</span>` : ""}</td></tr>`;
  const load = async () => {
    users = await api("GET", "/api/users");
    render($("#tabla-usuarios tbody", root), html`${users.map(row)}`);
  };
  // The row as stored: after a refusal it never shows what was refused.
  const restore = (name) => {
    const u = users.find((x) => x.name === name);
    const tr = $(`#tabla-usuarios tr[data-name="${CSS.escape(name)}"]`, root);
    if (u && tr) replace(tr, row(u));
  };
  // Zones as the portfolio spells them ("z02" is Z02); the server refuses the others too.
  const unknownZones = (zones) => (known.size ? zones.filter((z) => !known.has(z.toUpperCase())) : []);

  $("#tabla-usuarios tbody", root).addEventListener("click", async (e) => {
    const button = e.target.closest("button[data-action]");
    if (!button) return;
    const tr = button.closest("tr");
    const name = tr.dataset.name;
    try {
      if (button.dataset.action === "save") {
        const zones = zoneList($("[name=zones]", tr).value);
        const wrong = unknownZones(zones);
        if (wrong.length) { say(status, `Ninguna cuenta de la cartera tiene la zona ${wrong.join(", ")}.`, false); restore(name); return; }
        const body = { role: $("[name=role]", tr).value, zones, disabled: !$("[name=active]", tr).checked };
        await api("PUT", `/api/users/${encodeURIComponent(name)}`, body);
        say(status, `Usuario ${name} actualizado; sus sesiones abiertas se cerraron.`, true);
        toast(`Usuario ${name} actualizado.`);
        await load();
      } else if (button.dataset.action === "unlock") {
        await api("POST", `/api/users/${encodeURIComponent(name)}/unlock`);
        say(status, `Usuario ${name} desbloqueado: puede intentar entrar de nuevo.`, true);
        toast(`Usuario ${name} desbloqueado.`);
        await load();
      } else {
        const answer = await askForm({ title: `Nueva contraseña para ${name}`, confirm: "Cambiar contraseña",
          body: html`<label class="form-label" for="clave-nueva">Contraseña (mínimo 8 caracteres)</label>
            <input class="form-control" id="clave-nueva" name="password" type="password" minlength="8" required autocomplete="new-password">` });
        if (!answer) return;
        await api("POST", `/api/users/${encodeURIComponent(name)}/password`, { password: answer.get("password") });
        say(status, `Contraseña de ${name} cambiada.`, true);
        toast(`Contraseña de ${name} cambiada.`);
      }
    } catch (err) {
      say(status, err.message, false);
      restore(name);
    }
  });

  $("#nuevo-usuario", root).addEventListener("submit", async (e) => {
    e.preventDefault();
    const form = new FormData(e.target);
    const zones = zoneList(form.get("zones") || "");
    const wrong = unknownZones(zones);
    if (wrong.length) { say(status, `Ninguna cuenta de la cartera tiene la zona ${wrong.join(", ")}.`, false); return; }
    try {
      await api("POST", "/api/users", { name: form.get("name"), role: form.get("role"), zones, password: form.get("password") });
      say(status, `Usuario ${form.get("name")} creado.`, true);
      toast(`Usuario ${form.get("name")} creado.`);
      e.target.reset();
      await load();
    } catch (err) {
      say(status, err.message, false);
    }
  });

  const [, zones] = await Promise.all([load(), api("GET", "/api/zones").catch(() => [])]);
  known = new Set(zones.map((z) => z.zone.toUpperCase()));
  render($("#zonas-cartera", root), html`${zones.map((z) => html`<option value="${z.zone}"></option>`)}`);
}
