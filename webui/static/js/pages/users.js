// Usuarios: each user's role, zones and access; new users.
import { api } from "../api.js";
import { $, html, render, say } from "../dom.js";
import { ROLES } from "../labels.js";
import { askText } from "../ui.js";

const roleOptions = (selected) => html`${Object.entries(ROLES)
  .map(([code, name]) => html`<option value="${code}" ${code === selected ? html`selected` : ""}>${name}</option>`)}`;
const zoneList = (text) => text.split(",").map((z) => z.trim()).filter(Boolean);

export function mount(root) {
  render(root, html`<h2>Usuarios</h2>
    <table id="tabla-usuarios"><thead><tr><th>Usuario</th><th>Rol</th><th>Zonas</th><th>Activo</th><th></th></tr></thead><tbody></tbody></table>
    <p id="estado-usuarios" role="status"></p>
    <h3>Nuevo usuario</h3>
    <form id="nuevo-usuario">
      <label>Nombre <input name="name" required></label>
      <label>Rol <select name="role">${roleOptions("analyst")}</select></label>
      <label>Zonas <input name="zones" placeholder="Z01,Z02"></label>
      <label>Contraseña <input name="password" type="password" minlength="8" required autocomplete="new-password"></label>
      <button>Crear usuario</button>
    </form>`);
  const status = $("#estado-usuarios", root);

  const load = async () => {
    const users = await api("GET", "/api/users");
    render($("#tabla-usuarios tbody", root), html`${users.map((u) => html`<tr data-name="${u.name}"><td>${u.name}</td>
      <td><select name="role" aria-label="Rol de ${u.name}">${roleOptions(u.role)}</select></td>
      <td><input name="zones" value="${u.zones.join(",")}" size="12" aria-label="Zonas de ${u.name}"></td>
      <td><input name="active" type="checkbox" ${u.disabled ? "" : html`checked`} aria-label="${u.name} activo"></td>
      <td><button data-action="save">Guardar</button> <button data-action="password">Cambiar contraseña</button></td></tr>`)}`);
  };

  $("#tabla-usuarios tbody", root).addEventListener("click", async (e) => {
    const action = e.target.dataset.action;
    if (!action) return;
    const row = e.target.closest("tr");
    const name = row.dataset.name;
    try {
      if (action === "save") {
        await api("PUT", `/api/users/${encodeURIComponent(name)}`, { role: $("[name=role]", row).value,
          zones: zoneList($("[name=zones]", row).value), disabled: !$("[name=active]", row).checked });
        say(status, `Usuario ${name} actualizado; sus sesiones abiertas se cerraron.`, true);
      } else {
        const password = await askText(`Nueva contraseña para ${name} (mínimo 8 caracteres):`);
        if (!password) return;
        await api("POST", `/api/users/${encodeURIComponent(name)}/password`, { password });
        say(status, `Contraseña de ${name} cambiada.`, true);
      }
    } catch (err) {
      say(status, err.message, false);
    }
  });

  $("#nuevo-usuario", root).addEventListener("submit", async (e) => {
    e.preventDefault();
    const form = new FormData(e.target);
    try {
      await api("POST", "/api/users", { name: form.get("name"), role: form.get("role"), zones: zoneList(form.get("zones") || ""), password: form.get("password") });
      say(status, `Usuario ${form.get("name")} creado.`, true);
      e.target.reset();
      await load();
    } catch (err) {
      say(status, err.message, false);
    }
  });
  return load();
}
