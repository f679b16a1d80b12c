{{%AUTOESCAPE context="HTML"}}{{!-- The back office's case page: facts, answers, timeline, and a small form for each action the case's state allows. --}}
<p class="utrecht-paragraph"><a class="utrecht-link" href="/behandelen">{{t_bo_back_to_queue}}</a></p>
<h1 class="utrecht-heading-1">{{PRODUCT}} <span class="bo-reference">{{REFERENCE}}</span></h1>
{{#DONE}}<div class="utrecht-alert utrecht-alert--ok" role="status"><p class="utrecht-paragraph">{{TEXT}}</p></div>
{{/DONE}}
{{#ERRORS}}<div class="utrecht-alert utrecht-alert--error" role="alert" tabindex="-1" id="error-summary">
<div class="utrecht-alert__message">
<h2 class="utrecht-heading-2">{{t_error_summary}}</h2>
<ul class="utrecht-unordered-list">{{#ERROR}}<li>{{#LINK}}<a class="utrecht-link" href="#{{FIELD}}">{{MESSAGE}}</a>{{/LINK}}{{#TEXT}}{{MESSAGE}}{{/TEXT}}</li>{{/ERROR}}</ul>
</div>
</div>
{{/ERRORS}}
<dl class="utrecht-data-list bo-facts">
<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{{t_bo_fact_status}}</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{{STATUS}} <span class="bo-muted">({{t_bo_since}} {{STATUS_SINCE}})</span></dd></div>
{{#SUSPENDED}}<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{{t_bo_fact_suspended}}</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{{t_bo_since}} {{SINCE}}: {{QUESTION}}</dd></div>
{{/SUSPENDED}}
{{#DEADLINE}}<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{{t_bo_fact_deadline}}</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{{DATE}} ({{#LATE}}<strong class="bo-late">{{/LATE}}{{DAYS}}{{#LATE}}</strong>{{/LATE}})</dd></div>
{{/DEADLINE}}
{{#CLOSED}}<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{{t_bo_fact_closed}}</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{{DATE}}</dd></div>
{{/CLOSED}}
{{#EXTENDED}}<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{{t_bo_fact_extended}}</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{{PERIOD}}: {{REASON}}</dd></div>
{{/EXTENDED}}
{{#RESULT}}<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{{t_bo_fact_result}}</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{{NAME}}{{#NOTE}}: {{TEXT}}{{/NOTE}}</dd></div>
{{/RESULT}}
<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{{t_bo_fact_assignee}}</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{{ASSIGNEE}}</dd></div>
{{#TEAM}}<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{{t_bo_fact_team}}</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{{NAME}}</dd></div>
{{/TEAM}}<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{{t_bo_fact_started}}</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{{STARTED}}</dd></div>
<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{{t_bo_fact_organisation}}</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{{ORGANISATION}}</dd></div>
{{#DESCRIPTION}}<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{{t_bo_fact_description}}</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{{TEXT}}</dd></div>
{{/DESCRIPTION}}
</dl>
<p class="utrecht-paragraph"><a class="utrecht-link" href="/behandelen/werkopdrachten/{{ID}}">{{t_wo_case_title}}</a></p>
{{#LINKS}}<h2 class="utrecht-heading-2 bo-case-section" id="koppelingen">{{t_bo_work_links}}</h2>
<ul class="utrecht-unordered-list">{{#LINK}}<li>{{TEXT}}: <a class="utrecht-link" href="/behandelen/zaken/{{ID}}">{{PRODUCT}} {{REFERENCE}}</a>{{#REVISED}}. {{t_bo_work_revised_by}} {{IDENTIFICATION}}{{/REVISED}}
{{#REVISE}}<section class="bo-action" aria-labelledby="herzien">
<h3 class="utrecht-heading-3" id="herzien" tabindex="-1">{{t_bo_work_revise_title}}</h3>
{{#WORK_ERROR}}<div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">{{MESSAGE}}</p></div>
{{/WORK_ERROR}}
<p class="utrecht-paragraph">{{t_bo_work_revise_intro}}</p>
<form method="post" action="/behandelen/zaken/{{ID}}/herzien" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="utrecht-form-field"><div class="utrecht-form-field__label"><label class="utrecht-form-label" for="herzien-decisionType">{{t_bo_work_decision_type}}</label></div>
<div class="utrecht-form-field__input"><select class="utrecht-select utrecht-select--html-select" id="herzien-decisionType" name="decisionType">{{#OPTION}}<option value="{{VALUE}}">{{LABEL}}</option>{{/OPTION}}</select></div></div>
<div class="utrecht-form-field"><div class="utrecht-form-field__label"><label class="utrecht-form-label" for="herzien-explanation">{{t_bo_work_explanation}}</label></div>
<div class="utrecht-form-field__input"><textarea class="utrecht-textarea utrecht-textarea--html-textarea" id="herzien-explanation" name="explanation" rows="3"></textarea></div></div>
<button type="submit" class="utrecht-button utrecht-button--secondary-action">{{t_bo_work_revise_submit}}</button>
</form>
</section>
{{/REVISE}}</li>{{/LINK}}</ul>
{{/LINKS}}
<h2 class="utrecht-heading-2 bo-case-section">{{t_bo_answers}}</h2>
{{#NO_ANSWERS}}<p class="utrecht-paragraph">{{t_bo_no_answers}}</p>
{{/NO_ANSWERS}}
<dl class="utrecht-data-list bo-answers">
{{#ANSWER}}<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{{LABEL}}</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{{VALUE}}</dd></div>
{{/ANSWER}}
</dl>
<h2 class="utrecht-heading-2 bo-case-section">{{t_bo_timeline}}</h2>
<ol class="bo-timeline" reversed>
{{#EVENT}}<li><strong>{{NAME}}</strong> <span class="bo-muted">{{WHEN}}</span>{{#NOTE}}<br>{{TEXT}}{{/NOTE}}</li>
{{/EVENT}}
</ol>
{{#STAFF_DOCUMENTS}}<h2 class="utrecht-heading-2 bo-case-section" id="documenten" tabindex="-1">{{t_bo_doc_title}}</h2>
{{#NO_DOCUMENTS}}<p class="utrecht-paragraph">{{t_bo_doc_none}}</p>
{{/NO_DOCUMENTS}}<ul class="utrecht-unordered-list bo-documents">
{{#DOCUMENT}}<li><a class="utrecht-link" href="{{HREF}}" download>{{NAME}}</a> <span class="bo-muted">({{SIZE}})</span><br>{{WHO}}, {{WHEN}}. {{VISIBILITY}}</li>
{{/DOCUMENT}}</ul>
{{#DOC_FORM}}<section class="bo-action" aria-labelledby="document-toevoegen">
<h3 class="utrecht-heading-3" id="document-toevoegen" tabindex="-1">{{t_bo_doc_add_title}}</h3>
{{#DOC_ERRORS}}<div class="utrecht-alert utrecht-alert--error" role="alert">
<div class="utrecht-alert__message">
<h4 class="utrecht-heading-4">{{t_error_summary}}</h4>
<ul class="utrecht-unordered-list"><li><a class="utrecht-link" href="{{HREF}}">{{MESSAGE}}</a></li></ul>
</div>
</div>
{{/DOC_ERRORS}}<form method="post" action="/behandelen/zaken/{{ID}}/documenten" enctype="multipart/form-data" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="utrecht-form-field{{#FILE_ERROR}} utrecht-form-field--invalid{{/FILE_ERROR}}"><div class="utrecht-form-field__label"><label class="utrecht-form-label" for="document-bestand">{{t_bo_doc_file}}</label></div>
<p class="utrecht-form-field-description" id="document-bestand-hint">{{LIMITS}}</p>
{{#FILE_ERROR}}<p class="utrecht-form-field-error-message" id="document-bestand-error"><span class="visually-hidden">{{t_error_prefix}} </span>{{MESSAGE}}</p>
{{/FILE_ERROR}}<div class="utrecht-form-field__input"><input class="utrecht-textbox" id="document-bestand" name="bestand" type="file" accept="{{ACCEPT}}" aria-describedby="document-bestand-hint{{#FILE_ERROR}} document-bestand-error{{/FILE_ERROR}}"{{#FILE_ERROR}} aria-invalid="true"{{/FILE_ERROR}}></div></div>
<div class="utrecht-form-field{{#TITLE_ERROR}} utrecht-form-field--invalid{{/TITLE_ERROR}}"><div class="utrecht-form-field__label"><label class="utrecht-form-label" for="document-titel">{{t_bo_doc_name}}</label></div>
<p class="utrecht-form-field-description" id="document-titel-hint">{{t_bo_doc_name_hint}}</p>
{{#TITLE_ERROR}}<p class="utrecht-form-field-error-message" id="document-titel-error"><span class="visually-hidden">{{t_error_prefix}} </span>{{MESSAGE}}</p>
{{/TITLE_ERROR}}<div class="utrecht-form-field__input"><input class="utrecht-textbox utrecht-textbox--html-input" id="document-titel" name="titel" type="text" maxlength="200" aria-describedby="document-titel-hint{{#TITLE_ERROR}} document-titel-error{{/TITLE_ERROR}}"{{#TITLE_ERROR}} aria-invalid="true"{{/TITLE_ERROR}}></div></div>
<div class="utrecht-form-field utrecht-form-field--checkbox">
<input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id="document-zichtbaar" name="zichtbaar" value="1">
<label class="utrecht-form-label utrecht-form-label--checkbox" for="document-zichtbaar">{{t_bo_doc_visible_label}}</label>
</div>
<button type="submit" class="utrecht-button utrecht-button--secondary-action">{{t_bo_doc_submit}}</button>
</form>
</section>
{{/DOC_FORM}}{{/STAFF_DOCUMENTS}}
{{#DECISIONS}}<h2 class="utrecht-heading-2 bo-case-section" id="besluiten" tabindex="-1">{{t_bo_work_decisions}}</h2>
{{#NO_DECISIONS}}<p class="utrecht-paragraph">{{t_bo_work_no_decisions}}</p>
{{/NO_DECISIONS}}
{{#DECISION}}<section class="bo-action" aria-labelledby="besluit-{{ID}}">
<h3 class="utrecht-heading-3" id="besluit-{{ID}}">{{TYPE}} <span class="bo-reference">{{IDENTIFICATION}}</span></h3>
<dl class="utrecht-data-list">
<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{{t_bo_work_state}}</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{{#DRAFT}}{{t_bo_work_state_draft}}{{/DRAFT}}{{#APPROVED}}{{t_bo_work_state_approved}}{{/APPROVED}}</dd></div>
<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{{t_bo_work_decided_by}}</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{{DECIDED_BY}} ({{DATE}})</dd></div>
{{#APPROVED_BY}}<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{{t_bo_work_approved_by}}</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{{NAME}} ({{WHEN}})</dd></div>
{{/APPROVED_BY}}
{{#WINDOW}}<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{{t_bo_work_objection_until}}</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{{UNTIL}}</dd></div>
{{/WINDOW}}
{{#EXPLANATION}}<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{{t_bo_work_explanation}}</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{{TEXT}}</dd></div>
{{/EXPLANATION}}
</dl>
{{#WAITS_FOR_OTHER}}<p class="utrecht-paragraph">{{t_bo_work_waits_for_other}}</p>
{{/WAITS_FOR_OTHER}}
{{#WAITS_FOR_APPROVER}}<p class="utrecht-paragraph">{{t_bo_work_waits_for_approver}}</p>
{{/WAITS_FOR_APPROVER}}
{{#REVIEW}}<div id="beoordelen-{{ID}}">
{{#WORK_ERROR}}<div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">{{MESSAGE}}</p></div>
{{/WORK_ERROR}}
<form method="post" action="/behandelen/besluiten/{{ID}}/goedkeuren" class="bo-inline-form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit" class="utrecht-button utrecht-button--primary-action">{{t_bo_work_approve}}</button>
</form>
<form method="post" action="/behandelen/besluiten/{{ID}}/terugsturen" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="utrecht-form-field"><div class="utrecht-form-field__label"><label class="utrecht-form-label" for="reason-{{ID}}">{{t_bo_work_reject_reason}}</label></div>
<div class="utrecht-form-field__input"><textarea class="utrecht-textarea utrecht-textarea--html-textarea" id="reason-{{ID}}" name="reason" rows="2" maxlength="1000"></textarea></div></div>
<button type="submit" class="utrecht-button utrecht-button--secondary-action">{{t_bo_work_reject}}</button>
</form>
</div>
{{/REVIEW}}
</section>
{{/DECISION}}
{{#SENT_BACK}}<p class="utrecht-paragraph bo-muted">{{t_bo_work_sent_back}}: {{TYPE}}, {{t_bo_work_decided_by}} {{DECIDED_BY}}, {{t_bo_work_sent_back_by}} {{REVIEWED_BY}} ({{WHEN}}): {{REASON}}</p>
{{/SENT_BACK}}
{{#DECIDE}}<section class="bo-action" aria-labelledby="besluit">
<h3 class="utrecht-heading-3" id="besluit" tabindex="-1">{{t_bo_work_decide_title}}</h3>
{{#WORK_ERROR}}<div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">{{MESSAGE}}</p></div>
{{/WORK_ERROR}}
{{#NO_TYPES}}<p class="utrecht-paragraph">{{t_bo_work_no_types}}</p>
{{/NO_TYPES}}
{{#HAS_TYPES}}<form method="post" action="/behandelen/zaken/{{ID}}/besluit" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="utrecht-form-field"><div class="utrecht-form-field__label"><label class="utrecht-form-label" for="besluit-decisionType">{{t_bo_work_decision_type}}</label></div>
<div class="utrecht-form-field__input"><select class="utrecht-select utrecht-select--html-select" id="besluit-decisionType" name="decisionType">{{#OPTION}}<option value="{{VALUE}}">{{LABEL}}</option>{{/OPTION}}</select></div></div>
<div class="utrecht-form-field"><div class="utrecht-form-field__label"><label class="utrecht-form-label" for="besluit-explanation">{{t_bo_work_explanation}}</label></div>
<div class="utrecht-form-field__description utrecht-form-field-description" id="besluit-explanation-hint">{{t_bo_work_explanation_hint}}</div>
<div class="utrecht-form-field__input"><textarea class="utrecht-textarea utrecht-textarea--html-textarea" id="besluit-explanation" name="explanation" rows="4" aria-describedby="besluit-explanation-hint"></textarea></div></div>
<button type="submit" class="utrecht-button utrecht-button--secondary-action">{{t_bo_work_decide_submit}}</button>
</form>
{{/HAS_TYPES}}
</section>
{{/DECIDE}}
{{/DECISIONS}}
{{#MESSAGES}}<h2 class="utrecht-heading-2 bo-case-section" id="berichten" tabindex="-1">{{t_bo_work_messages}}</h2>
{{#NO_MESSAGES}}<p class="utrecht-paragraph">{{t_bo_work_no_messages}}</p>
{{/NO_MESSAGES}}
<ol class="utrecht-ordered-list bo-messages">
{{#MESSAGE}}<li><strong>{{WHO}}</strong> <span class="bo-muted">{{WHEN}}</span><br>{{BODY}}</li>
{{/MESSAGE}}
</ol>
{{#MESSAGE_FORM}}<section class="bo-action" aria-labelledby="bericht">
<h3 class="utrecht-heading-3" id="bericht" tabindex="-1">{{t_bo_work_message_title}}</h3>
{{#WORK_ERROR}}<div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">{{MESSAGE}}</p></div>
{{/WORK_ERROR}}
<form method="post" action="/behandelen/zaken/{{ID}}/bericht" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="utrecht-form-field"><div class="utrecht-form-field__label"><label class="utrecht-form-label" for="bericht-body">{{t_bo_work_message_body}}</label></div>
<div class="utrecht-form-field__input"><textarea class="utrecht-textarea utrecht-textarea--html-textarea" id="bericht-body" name="body" rows="4" maxlength="10000"></textarea></div></div>
<button type="submit" class="utrecht-button utrecht-button--secondary-action">{{t_bo_work_message_submit}}</button>
</form>
</section>
{{/MESSAGE_FORM}}
{{/MESSAGES}}
{{#READ_ONLY}}<p class="utrecht-paragraph">{{t_bo_read_only}}</p>
{{/READ_ONLY}}
{{#ACTIONS}}<h2 class="utrecht-heading-2 bo-case-section">{{t_bo_actions}}</h2>
{{/ACTIONS}}
{{#RESUME}}<section class="bo-action" aria-labelledby="resume">
<h3 class="utrecht-heading-3" id="resume" tabindex="-1">{{t_bo_resume_title}}</h3>
<form method="post" action="/behandelen/zaken/{{ID}}/resume">
<input type="hidden" name="csrf" value="{{CSRF}}">
<p class="utrecht-paragraph">{{t_bo_resume_intro}}</p>
<button type="submit" class="utrecht-button utrecht-button--primary-action">{{t_bo_resume_submit}}</button>
</form>
</section>
{{/RESUME}}
{{#NEXT_STATUS}}<section class="bo-action" aria-labelledby="status">
<h3 class="utrecht-heading-3" id="status" tabindex="-1">{{t_bo_status_title}}</h3>
<form method="post" action="/behandelen/zaken/{{ID}}/status" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="utrecht-form-field{{#INVALID_statusType}} utrecht-form-field--invalid{{/INVALID_statusType}}"><div class="utrecht-form-field__label"><label class="utrecht-form-label" for="status-statusType">{{t_bo_status_next}}</label></div>
{{#ERROR_statusType}}<div class="utrecht-form-field__error-message utrecht-form-field-error-message" id="status-statusType-error">{{MESSAGE}}</div>
{{/ERROR_statusType}}
<div class="utrecht-form-field__input"><select class="utrecht-select utrecht-select--html-select" id="status-statusType" name="statusType"{{#INVALID_statusType}} aria-invalid="true" aria-describedby="status-statusType-error"{{/INVALID_statusType}}>{{#OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/OPTION}}</select></div></div>
<div class="utrecht-form-field{{#INVALID_explanation}} utrecht-form-field--invalid{{/INVALID_explanation}}"><div class="utrecht-form-field__label"><label class="utrecht-form-label" for="status-explanation">{{t_bo_explanation}}</label></div>
<div class="utrecht-form-field__description utrecht-form-field-description" id="status-explanation-hint">{{t_bo_explanation_hint}}</div>
{{#ERROR_explanation}}<div class="utrecht-form-field__error-message utrecht-form-field-error-message" id="status-explanation-error">{{MESSAGE}}</div>
{{/ERROR_explanation}}
<div class="utrecht-form-field__input"><textarea class="utrecht-textarea utrecht-textarea--html-textarea" id="status-explanation" name="explanation" rows="3" maxlength="1000" aria-describedby="status-explanation-hint{{#INVALID_explanation}} status-explanation-error{{/INVALID_explanation}}"{{#INVALID_explanation}} aria-invalid="true"{{/INVALID_explanation}}>{{TEXT}}</textarea></div></div>
<button type="submit" class="utrecht-button utrecht-button--primary-action">{{t_bo_status_submit}}</button>
</form>
</section>
{{/NEXT_STATUS}}
{{#SUSPEND}}<section class="bo-action" aria-labelledby="suspend">
<h3 class="utrecht-heading-3" id="suspend" tabindex="-1">{{t_bo_suspend_title}}</h3>
<form method="post" action="/behandelen/zaken/{{ID}}/suspend" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="utrecht-form-field{{#INVALID_question}} utrecht-form-field--invalid{{/INVALID_question}}"><div class="utrecht-form-field__label"><label class="utrecht-form-label" for="suspend-question">{{t_bo_question}}</label></div>
<div class="utrecht-form-field__description utrecht-form-field-description" id="suspend-question-hint">{{t_bo_question_hint}}</div>
{{#ERROR_question}}<div class="utrecht-form-field__error-message utrecht-form-field-error-message" id="suspend-question-error">{{MESSAGE}}</div>
{{/ERROR_question}}
<div class="utrecht-form-field__input"><textarea class="utrecht-textarea utrecht-textarea--html-textarea" id="suspend-question" name="question" rows="3" maxlength="1000" aria-describedby="suspend-question-hint{{#INVALID_question}} suspend-question-error{{/INVALID_question}}"{{#INVALID_question}} aria-invalid="true"{{/INVALID_question}}>{{TEXT}}</textarea></div></div>
<button type="submit" class="utrecht-button utrecht-button--secondary-action">{{t_bo_suspend_submit}}</button>
</form>
</section>
{{/SUSPEND}}
{{#EXTEND}}<section class="bo-action" aria-labelledby="extend">
<h3 class="utrecht-heading-3" id="extend" tabindex="-1">{{t_bo_extend_title}}</h3>
<form method="post" action="/behandelen/zaken/{{ID}}/extend" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<p class="utrecht-paragraph">{{t_bo_extend_intro}}</p>
<div class="utrecht-form-field{{#INVALID_period}} utrecht-form-field--invalid{{/INVALID_period}}"><div class="utrecht-form-field__label"><label class="utrecht-form-label" for="extend-period">{{t_bo_period}}</label></div>
{{#ERROR_period}}<div class="utrecht-form-field__error-message utrecht-form-field-error-message" id="extend-period-error">{{MESSAGE}}</div>
{{/ERROR_period}}
<div class="utrecht-form-field__input"><select class="utrecht-select utrecht-select--html-select" id="extend-period" name="period"{{#INVALID_period}} aria-invalid="true" aria-describedby="extend-period-error"{{/INVALID_period}}>{{#OPTION}}<option value="{{VALUE}}">{{LABEL}}</option>{{/OPTION}}</select></div></div>
<div class="utrecht-form-field{{#INVALID_reason}} utrecht-form-field--invalid{{/INVALID_reason}}"><div class="utrecht-form-field__label"><label class="utrecht-form-label" for="extend-reason">{{t_bo_reason}}</label></div>
<div class="utrecht-form-field__description utrecht-form-field-description" id="extend-reason-hint">{{t_bo_reason_hint}}</div>
{{#ERROR_reason}}<div class="utrecht-form-field__error-message utrecht-form-field-error-message" id="extend-reason-error">{{MESSAGE}}</div>
{{/ERROR_reason}}
<div class="utrecht-form-field__input"><textarea class="utrecht-textarea utrecht-textarea--html-textarea" id="extend-reason" name="reason" rows="3" maxlength="1000" aria-describedby="extend-reason-hint{{#INVALID_reason}} extend-reason-error{{/INVALID_reason}}"{{#INVALID_reason}} aria-invalid="true"{{/INVALID_reason}}>{{TEXT}}</textarea></div></div>
<button type="submit" class="utrecht-button utrecht-button--secondary-action">{{t_bo_extend_submit}}</button>
</form>
</section>
{{/EXTEND}}
{{#RESULT_FORM}}<section class="bo-action" aria-labelledby="result">
<h3 class="utrecht-heading-3" id="result" tabindex="-1">{{t_bo_result_title}}</h3>
<form method="post" action="/behandelen/zaken/{{ID}}/result" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="utrecht-form-field{{#INVALID_resultType}} utrecht-form-field--invalid{{/INVALID_resultType}}"><div class="utrecht-form-field__label"><label class="utrecht-form-label" for="result-resultType">{{t_bo_result_type}}</label></div>
{{#ERROR_resultType}}<div class="utrecht-form-field__error-message utrecht-form-field-error-message" id="result-resultType-error">{{MESSAGE}}</div>
{{/ERROR_resultType}}
<div class="utrecht-form-field__input"><select class="utrecht-select utrecht-select--html-select" id="result-resultType" name="resultType"{{#INVALID_resultType}} aria-invalid="true" aria-describedby="result-resultType-error"{{/INVALID_resultType}}>{{#OPTION}}<option value="{{VALUE}}">{{LABEL}}</option>{{/OPTION}}</select></div></div>
<div class="utrecht-form-field{{#INVALID_note}} utrecht-form-field--invalid{{/INVALID_note}}"><div class="utrecht-form-field__label"><label class="utrecht-form-label" for="result-note">{{t_bo_note}}</label></div>
{{#ERROR_note}}<div class="utrecht-form-field__error-message utrecht-form-field-error-message" id="result-note-error">{{MESSAGE}}</div>
{{/ERROR_note}}
<div class="utrecht-form-field__input"><textarea class="utrecht-textarea utrecht-textarea--html-textarea" id="result-note" name="note" rows="2" maxlength="1000"{{#INVALID_note}} aria-invalid="true" aria-describedby="result-note-error"{{/INVALID_note}}>{{TEXT}}</textarea></div></div>
<button type="submit" class="utrecht-button utrecht-button--secondary-action">{{t_bo_result_submit}}</button>
</form>
</section>
{{/RESULT_FORM}}
{{#CLOSE}}<section class="bo-action" aria-labelledby="close">
<h3 class="utrecht-heading-3" id="close" tabindex="-1">{{t_bo_close_title}}</h3>
<form method="post" action="/behandelen/zaken/{{ID}}/close" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="utrecht-form-field{{#INVALID_explanation}} utrecht-form-field--invalid{{/INVALID_explanation}}"><div class="utrecht-form-field__label"><label class="utrecht-form-label" for="close-explanation">{{t_bo_explanation}}</label></div>
<div class="utrecht-form-field__description utrecht-form-field-description" id="close-explanation-hint">{{t_bo_explanation_hint}}</div>
{{#ERROR_explanation}}<div class="utrecht-form-field__error-message utrecht-form-field-error-message" id="close-explanation-error">{{MESSAGE}}</div>
{{/ERROR_explanation}}
<div class="utrecht-form-field__input"><textarea class="utrecht-textarea utrecht-textarea--html-textarea" id="close-explanation" name="explanation" rows="3" maxlength="1000" aria-describedby="close-explanation-hint{{#INVALID_explanation}} close-explanation-error{{/INVALID_explanation}}"{{#INVALID_explanation}} aria-invalid="true"{{/INVALID_explanation}}>{{TEXT}}</textarea></div></div>
<button type="submit" class="utrecht-button utrecht-button--primary-action">{{t_bo_close_submit}}</button>
</form>
</section>
{{/CLOSE}}
{{#REOPEN}}<section class="bo-action" aria-labelledby="reopen">
<h3 class="utrecht-heading-3" id="reopen" tabindex="-1">{{t_bo_reopen_title}}</h3>
<form method="post" action="/behandelen/zaken/{{ID}}/reopen" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="utrecht-form-field"><div class="utrecht-form-field__label"><label class="utrecht-form-label" for="reopen-statusType">{{t_bo_reopen_status}}</label></div>
<div class="utrecht-form-field__input"><select class="utrecht-select utrecht-select--html-select" id="reopen-statusType" name="statusType">{{#OPTION}}<option value="{{VALUE}}">{{LABEL}}</option>{{/OPTION}}</select></div></div>
<div class="utrecht-form-field{{#INVALID_explanation}} utrecht-form-field--invalid{{/INVALID_explanation}}"><div class="utrecht-form-field__label"><label class="utrecht-form-label" for="reopen-explanation">{{t_bo_explanation}}</label></div>
{{#ERROR_explanation}}<div class="utrecht-form-field__error-message utrecht-form-field-error-message" id="reopen-explanation-error">{{MESSAGE}}</div>
{{/ERROR_explanation}}
<div class="utrecht-form-field__input"><textarea class="utrecht-textarea utrecht-textarea--html-textarea" id="reopen-explanation" name="explanation" rows="3" maxlength="1000"{{#INVALID_explanation}} aria-invalid="true" aria-describedby="reopen-explanation-error"{{/INVALID_explanation}}>{{TEXT}}</textarea></div></div>
<button type="submit" class="utrecht-button utrecht-button--secondary-action">{{t_bo_reopen_submit}}</button>
</form>
</section>
{{/REOPEN}}
{{#ASSIGN}}<section class="bo-action" aria-labelledby="assign">
<h3 class="utrecht-heading-3" id="assign" tabindex="-1">{{t_bo_assign_title}}</h3>
{{#CLAIM}}<form method="post" action="/behandelen/zaken/{{ID}}/assign" class="bo-inline-form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="assignee" value="mij">
<button type="submit" class="utrecht-button utrecht-button--primary-action">{{t_bo_claim}}</button>
</form>
{{/CLAIM}}
<form method="post" action="/behandelen/zaken/{{ID}}/assign" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="utrecht-form-field{{#INVALID_assignee}} utrecht-form-field--invalid{{/INVALID_assignee}}"><div class="utrecht-form-field__label"><label class="utrecht-form-label" for="assign-assignee">{{t_bo_assign_to}}</label></div>
{{#ERROR_assignee}}<div class="utrecht-form-field__error-message utrecht-form-field-error-message" id="assign-assignee-error">{{MESSAGE}}</div>
{{/ERROR_assignee}}
<div class="utrecht-form-field__input"><select class="utrecht-select utrecht-select--html-select" id="assign-assignee" name="assignee"{{#INVALID_assignee}} aria-invalid="true" aria-describedby="assign-assignee-error"{{/INVALID_assignee}}>{{#OPTION}}<option value="{{VALUE}}">{{LABEL}}</option>{{/OPTION}}</select></div></div>
<button type="submit" class="utrecht-button utrecht-button--secondary-action">{{t_bo_assign_submit}}</button>
</form>
</section>
{{/ASSIGN}}
