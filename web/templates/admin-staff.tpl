{{%AUTOESCAPE context="HTML"}}{{!-- An administrator manages the roles of the organisation's staff. --}}
<h1 class="utrecht-heading-1">{{t_admin_staff_title}}: {{ORG_NAME}}</h1>
{{#CHANGED}}<div class="utrecht-alert utrecht-alert--ok" role="status"><p class="utrecht-paragraph">{{t_admin_changed}}</p></div>
{{/CHANGED}}{{#ERROR}}<div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">{{t_admin_error}}</p></div>
{{/ERROR}}<ul class="utrecht-unordered-list admin-staff">
{{#MEMBER}}<li class="utrecht-unordered-list__item"><strong>{{NAME}}</strong>{{#DISABLED}} ({{t_admin_disabled}}){{/DISABLED}}, {{EMAIL}}: {{ROLES}}</li>
{{/MEMBER}}</ul>
<h2 class="utrecht-heading-2">{{t_admin_change}}</h2>
<form method="post" action="/beheer/{{ORG}}/medewerkers" class="case-form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="utrecht-form-field"><label class="utrecht-form-label" for="admin-email">{{t_admin_email}}</label>
<input class="utrecht-textbox" type="email" id="admin-email" name="email" autocomplete="off" required></div>
<div class="utrecht-form-field"><label class="utrecht-form-label" for="admin-role">{{t_admin_role}}</label>
<select class="utrecht-select" id="admin-role" name="role">{{#ROLE}}<option value="{{VALUE}}">{{LABEL}}</option>{{/ROLE}}</select></div>
<fieldset class="utrecht-form-fieldset"><legend class="utrecht-form-fieldset__legend">{{t_admin_action}}</legend>
<div class="utrecht-form-field utrecht-form-field--radio"><input class="utrecht-radio-button" type="radio" id="admin-grant" name="action" value="grant" checked> <label class="utrecht-form-label" for="admin-grant">{{t_admin_grant}}</label></div>
<div class="utrecht-form-field utrecht-form-field--radio"><input class="utrecht-radio-button" type="radio" id="admin-revoke" name="action" value="revoke"> <label class="utrecht-form-label" for="admin-revoke">{{t_admin_revoke}}</label></div>
</fieldset>
<button type="submit" class="utrecht-button utrecht-button--primary-action">{{t_admin_save}}</button>
</form>
