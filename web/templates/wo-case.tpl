{{%AUTOESCAPE context="HTML"}}{{!-- The case worker's view of a case's work orders: their progress, and a form to give one. --}}
<p class="utrecht-paragraph"><a class="utrecht-link" href="/behandelen/zaken/{{ID}}">{{t_wo_back_case}}</a></p>
<h1 class="utrecht-heading-1">{{t_wo_case_title}} {{REFERENCE}}</h1>
{{#NONE}}<p class="utrecht-paragraph">{{t_wo_case_none}}</p>
{{/NONE}}{{#ORDER}}<section class="wo-order">
<h2 class="utrecht-heading-2">{{COMPANY}}: {{STATE}}</h2>
<p class="utrecht-paragraph">{{LOCATION}}, {{t_wo_due}} {{DUE}}</p>
<p class="utrecht-paragraph">{{INSTRUCTIONS}}</p>
{{#DONE}}<p class="utrecht-paragraph">{{NOTE}}</p>
<p class="utrecht-paragraph"><img class="wo-photo" src="{{PHOTO}}" alt="{{t_wo_photo_alt}}" width="320" height="320"></p>
{{/DONE}}</section>
{{/ORDER}}
{{#NO_COMPANIES}}<p class="utrecht-paragraph">{{t_wo_no_companies}}</p>
{{/NO_COMPANIES}}{{#FORM}}<h2 class="utrecht-heading-2">{{t_wo_new}}</h2>
{{#ERROR}}<div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">{{t_wo_form_error}} {{FIELD}}</p></div>
{{/ERROR}}<form method="post" action="/behandelen/werkopdrachten/{{ID}}" class="case-form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="utrecht-form-field"><label class="utrecht-form-label" for="wo-company">{{t_wo_company}}</label>
<select class="utrecht-select" id="wo-company" name="company">{{#COMPANY}}<option value="{{ID}}">{{NAME}}</option>{{/COMPANY}}</select></div>
<div class="utrecht-form-field"><label class="utrecht-form-label" for="wo-location">{{t_wo_location}}</label>
<input class="utrecht-textbox" id="wo-location" name="location" maxlength="200" required></div>
<div class="utrecht-form-field"><label class="utrecht-form-label" for="wo-due">{{t_wo_due_label}}</label>
<input class="utrecht-textbox" type="date" id="wo-due" name="dueDate" required></div>
<div class="utrecht-form-field utrecht-form-field--textarea"><label class="utrecht-form-label" for="wo-instructions">{{t_wo_instructions}}</label>
<textarea class="utrecht-textarea" id="wo-instructions" name="instructions" rows="4" required></textarea></div>
<button type="submit" class="utrecht-button utrecht-button--primary-action">{{t_wo_send}}</button>
</form>
{{/FORM}}
