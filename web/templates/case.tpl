{{%AUTOESCAPE context="HTML"}}{{!-- One case of the resident: where it stands, what to do now, its steps, the messages. --}}
<p class="utrecht-paragraph"><a class="utrecht-link" href="/mijn-zaken">{{t_case_back}}</a></p>
<h1 class="utrecht-heading-1">{{TITLE}}</h1>
{{#ANSWERED}}<div class="utrecht-alert utrecht-alert--ok" role="status"><p class="utrecht-paragraph">{{t_case_answered}}</p></div>
{{/ANSWERED}}{{#SENT}}<div class="utrecht-alert utrecht-alert--ok" role="status"><p class="utrecht-paragraph">{{t_case_message_sent}}</p></div>
{{/SENT}}
<dl class="utrecht-data-list">
<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{{t_case_status}}</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{{STATUS}}</dd></div>
<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{{t_case_reference}}</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{{REFERENCE}}</dd></div>
{{#ORGANISATION}}<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{{t_case_organisation}}</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{{NAME}}</dd></div>
{{/ORGANISATION}}{{#DESCRIPTION}}<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{{t_case_description}}</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{{TEXT}}</dd></div>
{{/DESCRIPTION}}
<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{{t_case_started}}</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{{STARTED}}</dd></div>
{{#CLOSED}}<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{{t_case_closed}}</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{{DATE}}</dd></div>
{{/CLOSED}}{{#DEADLINE}}<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{{t_case_deadline}}</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{{DATE}}</dd></div>
{{/DEADLINE}}{{#SUSPENDED}}<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{{t_case_suspended}}</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{{#SINCE_KNOWN}}{{t_case_suspended_since}} {{DATE}}{{/SINCE_KNOWN}}{{#SINCE_UNKNOWN}}{{t_case_suspended_until_answer}}{{/SINCE_UNKNOWN}}</dd></div>
{{/SUSPENDED}}{{#EXTENDED}}<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{{t_case_extended}}</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{{REASON}}</dd></div>
{{/EXTENDED}}
</dl>
{{>AUTO_DECISION}}
{{>WORK_ORDERS}}

<h2 class="utrecht-heading-2" id="antwoord">{{t_case_todo}}</h2>
{{#NOTHING_TO_DO}}<p class="utrecht-paragraph">{{t_case_nothing_to_do}}</p>
{{/NOTHING_TO_DO}}{{#QUESTION}}<p class="utrecht-paragraph">{{t_case_question_intro}}</p>
<blockquote class="utrecht-blockquote case-question"><p class="utrecht-paragraph">{{TEXT}}</p></blockquote>
<form method="post" action="/mijn-zaken/{{ID}}/antwoord" class="case-form"{{#FILE}} enctype="multipart/form-data"{{/FILE}}>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="utrecht-form-field utrecht-form-field--textarea{{#INVALID}} utrecht-form-field--invalid{{/INVALID}}">
<label class="utrecht-form-label" for="answer-body">{{t_case_answer_label}}</label>
{{#ERROR}}<p class="utrecht-form-field-error-message" id="answer-error">{{t_case_body_error}}</p>
{{/ERROR}}<textarea class="utrecht-textarea" id="answer-body" name="body" rows="6" required{{#ERROR}} aria-invalid="true" aria-describedby="answer-error"{{/ERROR}}></textarea>
</div>
{{#FILE}}<div class="utrecht-form-field utrecht-form-field--file{{#FILE_ERROR}} utrecht-form-field--invalid{{/FILE_ERROR}}">
<label class="utrecht-form-label" for="answer-file">{{t_case_answer_file_label}}</label>
<p class="utrecht-form-field-description" id="answer-file-hint">{{HINT}}</p>
{{#FILE_ERROR}}<p class="utrecht-form-field-error-message" id="answer-file-error">{{TEXT}}</p>
{{/FILE_ERROR}}<input class="utrecht-textbox" type="file" id="answer-file" name="bestand" accept="application/pdf,image/png,image/jpeg,text/plain" aria-describedby="answer-file-hint{{#FILE_ERROR}} answer-file-error{{/FILE_ERROR}}"{{#FILE_ERROR}} aria-invalid="true"{{/FILE_ERROR}}>
</div>
{{/FILE}}
<button type="submit" class="utrecht-button utrecht-button--primary-action">{{t_case_answer_send}}</button>
</form>
{{/QUESTION}}

<h2 class="utrecht-heading-2">{{t_case_timeline}}</h2>
{{#NO_STEPS}}<p class="utrecht-paragraph">{{t_case_no_steps}}</p>
{{/NO_STEPS}}<ol class="case-timeline">
{{#STEP}}<li class="case-timeline__step"><p class="utrecht-paragraph"><strong>{{NAME}}</strong> <span class="case-timeline__date">{{DATE}}</span></p>
{{#EXPLAIN}}<p class="utrecht-paragraph">{{TEXT}}</p>
{{/EXPLAIN}}</li>
{{/STEP}}</ol>

{{#DECISIONS}}<h2 class="utrecht-heading-2" id="besluiten">{{t_case_decisions}}</h2>
{{/DECISIONS}}{{#DECISION}}<section class="case-decision">
<h3 class="utrecht-heading-3">{{TITLE}}</h3>
<p class="utrecht-paragraph">{{t_case_decision_number}} {{IDENTIFICATION}}{{#EFFECTIVE}} · {{t_case_decision_effective}} {{DATE}}{{/EFFECTIVE}}</p>
{{#OUTCOME}}<p class="utrecht-paragraph">{{TEXT}}</p>
{{/OUTCOME}}{{#OBJECT}}<p class="utrecht-paragraph">{{UNTIL}}</p>
<form method="post" action="{{ACTION}}" class="case-form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit" class="utrecht-button utrecht-button--secondary-action">{{t_case_objection_button}}</button>
</form>
{{/OBJECT}}{{#OBJECTION_CLOSED}}<p class="utrecht-paragraph">{{TEXT}}</p>
{{/OBJECTION_CLOSED}}</section>
{{/DECISION}}
<h2 class="utrecht-heading-2" id="documenten">{{t_case_documents}}</h2>
{{#NO_DOCUMENTS}}<p class="utrecht-paragraph">{{t_case_documents_none}}</p>
{{/NO_DOCUMENTS}}<ul class="utrecht-unordered-list case-documents">
{{#DOCUMENT}}<li class="utrecht-unordered-list__item"><a class="utrecht-link" href="{{HREF}}" download>{{NAME}}</a> <span class="case-documents__who">({{WHO}})</span></li>
{{/DOCUMENT}}</ul>

<h2 class="utrecht-heading-2" id="berichten">{{t_case_messages}}</h2>
{{#NO_MESSAGES}}<p class="utrecht-paragraph">{{t_case_no_messages}}</p>
{{/NO_MESSAGES}}<ul class="case-messages">
{{#MESSAGE}}<li class="case-messages__item case-messages__item--{{CLASS}}"><p class="utrecht-paragraph case-messages__meta"><strong>{{WHO}}</strong>, {{WHEN}}</p>
<p class="utrecht-paragraph case-messages__body">{{BODY}}</p></li>
{{/MESSAGE}}</ul>
<form method="post" action="/mijn-zaken/{{ID}}/bericht" class="case-form" id="bericht">
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="utrecht-form-field utrecht-form-field--textarea{{#MESSAGE_INVALID}} utrecht-form-field--invalid{{/MESSAGE_INVALID}}">
<label class="utrecht-form-label" for="message-body">{{t_case_message_label}}</label>
{{#MESSAGE_ERROR}}<p class="utrecht-form-field-error-message" id="message-error">{{t_case_body_error}}</p>
{{/MESSAGE_ERROR}}<textarea class="utrecht-textarea" id="message-body" name="body" rows="4" required{{#MESSAGE_ERROR}} aria-invalid="true" aria-describedby="message-error"{{/MESSAGE_ERROR}}></textarea>
</div>
<button type="submit" class="utrecht-button utrecht-button--secondary-action">{{t_case_message_send}}</button>
</form>
